"""No admin for the network: gatherings and answers go through the services (audited), experiences are
confidential even when de-identified."""
