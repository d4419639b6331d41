from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import SchemeKind


class Municipality(models.Model):
    """One of the 342 Dutch municipalities (CBS 2026 division). Reference data: loaded, never typed in."""

    code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=80)
    province_code = models.CharField(_("provinciecode"), max_length=4)
    province_name = models.CharField(_("provincie"), max_length=40)
    safety_region_code = models.CharField(_("veiligheidsregiocode"), max_length=4)
    safety_region_name = models.CharField(_("veiligheidsregio"), max_length=60)
    police_unit_code = models.CharField(_("politie-eenheidcode"), max_length=4)
    police_unit_name = models.CharField(_("politie-eenheid"), max_length=60)
    riec_region = models.CharField(_("RIEC-regio"), max_length=60)
    corop_code = models.CharField(_("COROP-code"), max_length=4)
    corop_name = models.CharField(_("COROP-gebied"), max_length=60)
    latitude = models.DecimalField(_("breedtegraad"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=8, decimal_places=5)
    # Two municipalities are neighbours when their boundaries share an arc of the CBS topology.
    neighbours = models.ManyToManyField("self", symmetrical=True, blank=True, verbose_name=_("buurgemeenten"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class RegionScheme(models.Model):
    """A way of grouping municipalities into the network's regions. Exactly one scheme is active.

    Built-in schemes (provinces, safety regions, RIEC, COROP) come from the reference data and are read-only;
    custom schemes start as a copy of another scheme, so every municipality always has a region in them.
    """

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=SchemeKind.choices)
    is_active = models.BooleanField(_("actief"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio-indeling")
        verbose_name_plural = _("regio-indelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="geo_one_active_scheme"
            )
        ]
        permissions = [("manage_regions", _("Kan de regio-indeling beheren"))]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.kind != SchemeKind.CUSTOM


class Region(models.Model):
    scheme = models.ForeignKey(
        RegionScheme, on_delete=models.CASCADE, related_name="regions", verbose_name=_("indeling")
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="geo_region_code_per_scheme"),
            models.UniqueConstraint(fields=["scheme", "name"], name="geo_region_name_per_scheme"),
        ]

    def __str__(self) -> str:
        return self.name


class RegionMembership(models.Model):
    """Municipality → region within one scheme. A municipality is in exactly one region per scheme.

    ``scheme`` repeats ``region.scheme`` so that the database can enforce "one region per scheme" with a
    unique constraint; that the two agree cannot be a CHECK across tables, so the services validate it
    (``services.membership_validate``) and ``selectors.scheme_check`` reports any row that breaks it.
    A region with members cannot be deleted (RESTRICT); deleting a whole scheme removes its memberships.
    """

    scheme = models.ForeignKey(
        RegionScheme, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("indeling")
    )
    region = models.ForeignKey(
        Region, on_delete=models.RESTRICT, related_name="memberships", verbose_name=_("regio")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gemeente")
    )

    class Meta:
        verbose_name = _("regiolidmaatschap")
        verbose_name_plural = _("regiolidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "municipality"], name="geo_one_region_per_scheme")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} → {self.region_id}"


class Party(models.Model):
    """A political party on the association's one list: national (offered in every municipality) or local, with
    the municipalities where it holds seats. Members and ambassadors choose from this list, so that a party
    conflict in matching compares the same party, not two spellings.

    What a person's party is stays with them, encrypted (``Report.member_party``, ``Ambassador.party``): they
    store ``selectors.party_value`` of a party, never a foreign key, so the database shows no one's party.
    """

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Vaste sleutel waarmee keuzes naar de partij verwijzen; verander die niet."),
    )
    name = models.CharField(_("naam"), max_length=100)
    abbreviation = models.CharField(_("afkorting"), max_length=30, blank=True)
    other_names = models.TextField(
        _("andere schrijfwijzen"),
        blank=True,
        help_text=_("Eén per regel. Een vrij ingevulde partij met zo'n naam telt als deze partij."),
    )
    is_national = models.BooleanField(
        _("landelijke partij"), default=False, help_text=_("Staat in de keuzelijst van elke gemeente.")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="parties", verbose_name=_("heeft zetels in")
    )

    class Meta:
        ordering = ["-is_national", "name"]
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")

    def __str__(self) -> str:
        return self.name

    def spellings(self) -> list[str]:
        """Every name this party goes by: its name, abbreviation, code and the other spellings."""
        others = [line.strip() for line in self.other_names.splitlines() if line.strip()]
        return [self.name, self.abbreviation, self.code, *others]
