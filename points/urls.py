from django.urls import path

from points import diagram_views, views

app_name = "points"

urlpatterns = [
    path("points/", views.point_list, name="list"),
    # Fixed addresses under points/ (the body map) must come before points/<code>/.
    path("points/map/", diagram_views.body_map, name="map"),
    path("points/drawings.svg", diagram_views.drawings_svg, name="drawings"),
    path("points/<str:code>/", views.point_detail, name="detail"),
    path("points/<str:code>/diagram.png", diagram_views.diagram_png, name="diagram"),
    path("sources/", views.source_list, name="sources"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
]
