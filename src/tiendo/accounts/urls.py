from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from tiendo.accounts import views

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # Each person changes their own password; an administrator sets a new one for anybody from
    # the admin (Người dùng › Đổi mật khẩu), the reset path where no e-mail reset is offered.
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_change_done",
    ),
    path("ma-truy-cap/", views.api_tokens, name="api_tokens"),
    path("ma-truy-cap/<int:pk>/thu-hoi/", views.api_token_revoke, name="api_token_revoke"),
]
