from ptce.urls import plans, poles

app_name = "ptce"

urlpatterns = poles.urlpatterns + plans.urlpatterns
