from django.urls import path

from essterritoire.accounts.views import auth, members, workspace

app_name = "accounts"

urlpatterns = [
    path("", workspace.home, name="home"),
    path("espace/aucun/", workspace.no_workspace, name="no-workspace"),
    path("espace/changer/", workspace.switch_workspace, name="switch-workspace"),
    path("membres/", members.members, name="members"),
    path("membres/inviter/", members.invite, name="invite"),
    path("membres/<int:pk>/role/", members.change_role, name="change-role"),
    path("membres/<int:pk>/retirer/", members.remove, name="remove-member"),
    path("invitations/<int:pk>/annuler/", members.revoke, name="revoke-invitation"),
    path("invitation/<str:token>/", auth.invitation_accept, name="invitation-accept"),
    path("connexion/", auth.login, name="login"),
    path("deconnexion/", auth.logout, name="logout"),
    path("mot-de-passe/changer/", auth.password_change, name="password-change"),
    path("mot-de-passe/oubli/", auth.password_reset, name="password-reset"),
    path("mot-de-passe/oubli/envoye/", auth.password_reset_done, name="password-reset-done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "mot-de-passe/nouveau/fait/", auth.password_reset_complete, name="password-reset-complete"
    ),
]
