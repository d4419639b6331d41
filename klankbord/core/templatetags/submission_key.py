"""``{% csrf_token %}`` with the form's submission key: loaded as a template builtin (settings ``TEMPLATES``).

Every form that posts needs ``{% csrf_token %}``, so every one of them carries its idempotency key without a
change to its template (core.submissions, ADR 0071). ``tests/core/test_submission_keys.py`` checks that every
template with a posting form renders the tag.
"""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..submissions import FIELD_NAME, submission_key_issue

register = template.Library()


class CsrfAndSubmissionKeyNode(CsrfTokenNode):
    def render(self, context: Context) -> SafeString:
        csrf = super().render(context)
        request = getattr(context, "request", None)
        if request is None or not csrf:
            return SafeString(csrf)
        key = format_html(
            '<input type="hidden" name="{}" value="{}">', FIELD_NAME, submission_key_issue(request)
        )
        return SafeString(csrf + key)


@register.tag(name="csrf_token")
def csrf_token(parser: Parser, token: Token) -> CsrfAndSubmissionKeyNode:
    return CsrfAndSubmissionKeyNode()
