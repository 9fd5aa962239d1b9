from django.urls import path

from actors.views import registry as actors
from actors.views import registry_contacts as contacts
from actors.views import registry_duplicates as duplicates
from actors.views import registry_establishments as sirene
from actors.views import registry_import as imports

urlpatterns = [
    path("", actors.actor_list, name="actor-list"),
    path("export/", actors.actor_export, name="actor-export"),
    path("nouveau/", actors.actor_create, name="actor-create"),
    path("<int:pk>/", actors.actor_detail, name="actor-detail"),
    path("<int:pk>/modifier/", actors.actor_edit, name="actor-edit"),
    path("<int:pk>/supprimer/", actors.actor_delete, name="actor-delete"),
    path("depuis-sirene/", sirene.establishment_search, name="actor-create-from-establishment"),
    path(
        "depuis-sirene/<str:siret>/",
        sirene.actor_create_from_establishment,
        name="actor-create-from-establishment-form",
    ),
    path("employeurs-ess/", sirene.actor_bulk_add_ess, name="actor-bulk-add-ess"),
    path("<int:pk>/contacts/nouveau/", contacts.contact_create, name="contact-create"),
    path("contacts/<int:pk>/modifier/", contacts.contact_edit, name="contact-edit"),
    path("contacts/<int:pk>/supprimer/", contacts.contact_delete, name="contact-delete"),
    path("themes/", contacts.theme_list, name="theme-list"),
    path("themes/nouveau/", contacts.theme_create, name="theme-create"),
    path("themes/<int:pk>/renommer/", contacts.theme_rename, name="theme-rename"),
    path("themes/<int:pk>/supprimer/", contacts.theme_delete, name="theme-delete"),
    path("doublons/", duplicates.actor_duplicates, name="actor-duplicates"),
    path("doublons/fusionner/", duplicates.actor_merge, name="actor-merge"),
    path("import/", imports.actor_import, name="actor-import"),
    path("import/colonnes/", imports.actor_import_mapping, name="actor-import-mapping"),
    path("import/apercu/", imports.actor_import_preview, name="actor-import-preview"),
    path("import/annuler/", imports.actor_import_cancel, name="actor-import-cancel"),
]
