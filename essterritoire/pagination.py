from django.core.paginator import Paginator

PAGE_SIZES = (25, 50, 100)


def paginate(request, queryset, per_page=25):
    """The requested page of `queryset` (a bad page number gives the first or last page)."""
    try:
        size = int(request.GET.get("par_page", per_page))
    except ValueError:
        size = per_page
    paginator = Paginator(queryset, size if size in PAGE_SIZES else per_page)
    return paginator.get_page(request.GET.get("page"))
