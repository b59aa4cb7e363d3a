from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tiendo.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        # The audit trail names its action codes in one table; the token actions are listed
        # with their service (accounts/tokens.py) and joined to it here.
        from tiendo.accounts.tokens import ACTION_LABELS
        from tiendo.audit import labels

        for code, label in ACTION_LABELS.items():
            labels.ACTION_LABELS.setdefault(code, label)
