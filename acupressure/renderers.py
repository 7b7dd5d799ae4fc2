"""How every form field is drawn: the project's field templates, through Django's form renderer.

`{{ form.field.as_field_group }}` renders ``templates/forms/field.html`` (label, help, errors,
input). Forms whose fields sit side by side in a grid or a short card put the help and the errors
under the input instead; they say so with ``default_renderer = InputFirstRenderer``.
"""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


class InputFirstRenderer(FormRenderer):
    field_template_name = "forms/field_input_first.html"
