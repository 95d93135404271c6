"""Builders of procedures for tests (plain functions: the records have children)."""

import datetime

from procedures.models import (
    Channel,
    DossierItem,
    Field,
    LegalBasis,
    Procedure,
    Step,
)
from procedures.services import procedure_refresh_search
from tests.sequences import Sequence

_codes = Sequence(100001)


def make_field(name="Hộ tịch", slug=None, order=1):
    from django.utils.text import slugify

    from thachha_portal.text import fold

    field, _created = Field.objects.get_or_create(
        name=name, defaults={"slug": slug or slugify(fold(name)), "order": order}
    )
    return field


def make_procedure(
    name="Thủ tục đăng ký khai sinh",
    *,
    code=None,
    field=None,
    keywords="",
    parts=True,
    **values,
):
    if parts:  # every part of a complete listing
        values = {
            "result": "Kết quả giải quyết (bản chính)",
            "dossier_quantity": "01 bộ",
            "decision_number": "2150/QĐ-UBND",
            "decision_date": datetime.date(2025, 7, 1),
            **values,
        }
    procedure = Procedure(
        code=code or f"1.{next(_codes):06d}",
        name=name,
        field=field or make_field(),
        implementing_agency="Ủy ban nhân dân xã",
        applicants="Công dân Việt Nam",
        keywords=keywords,
        **values,
    )
    procedure.full_clean()
    procedure.save()
    procedure_refresh_search(procedure=procedure)
    if parts:
        Step.objects.create(
            procedure=procedure, order=1, text="Nộp hồ sơ tại Bộ phận Một cửa."
        )
        Step.objects.create(procedure=procedure, order=2, text="Nhận kết quả.")
        Channel.objects.create(
            procedure=procedure,
            kind=Channel.Kind.DIRECT,
            processing_time="Ngay trong ngày tiếp nhận",
            fee="Miễn lệ phí cho hộ nghèo",
        )
        DossierItem.objects.create(
            procedure=procedure,
            order=1,
            name="Tờ khai theo mẫu",
            originals=1,
            copies=0,
            form_name="Mẫu tờ khai",
            form_url="https://example.vn/mau.doc",
        )
        LegalBasis.objects.create(
            procedure=procedure,
            number="60/2014/QH13",
            summary="Luật Hộ tịch",
            issued_on=datetime.date(2014, 11, 20),
            issuer="Quốc hội",
        )
        procedure_refresh_search(procedure=procedure)
    procedure.refresh_from_db()
    return procedure


# The parts of a procedure as its page and sheet head them, in the official order
# (NĐ 63/2010 Art. 8(2)).
OFFICIAL_PARTS = (
    "Trình tự thực hiện",
    "Cách thức thực hiện",
    "Thành phần, số lượng hồ sơ",
    "Thời hạn giải quyết",
    "Đối tượng thực hiện",
    "Cơ quan thực hiện",
    "Kết quả thực hiện",
    "Phí, lệ phí",
    "Yêu cầu, điều kiện thực hiện",
    "Căn cứ pháp lý",
)
