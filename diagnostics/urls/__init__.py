from diagnostics.urls import afom, diagnostic, exchange, indicators, interviews, surveys

app_name = "diagnostics"

urlpatterns = (
    diagnostic.urlpatterns
    + interviews.urlpatterns
    + afom.urlpatterns
    + exchange.urlpatterns
    + indicators.urlpatterns
    + surveys.urlpatterns
)
