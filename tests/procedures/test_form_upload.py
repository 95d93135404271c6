"""Form files attached to dossier items go through the portal's upload check."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from procedures.models import DossierItem

pytestmark = pytest.mark.django_db


def test_a_program_renamed_pdf_is_refused_as_a_form_file():
    field = DossierItem._meta.get_field("form_file")
    fake = SimpleUploadedFile("to-khai.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 64)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        field.run_validators(fake)
    assert "không phải tệp PDF" in " ".join(error.value.messages)


def test_a_real_pdf_is_accepted_as_a_form_file():
    field = DossierItem._meta.get_field("form_file")
    pdf = SimpleUploadedFile(
        "to-khai.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    )
    field.run_validators(pdf)
