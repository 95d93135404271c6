"""The procedures' hook for scripts/bench.py: the pages worth timing, and more
data than the demo (``grow``) so that a slow query shows."""

import itertools

from django.db import transaction
from django.urls import reverse

from thachha_portal import pagecache, search

from .models import (
    Channel,
    DossierItem,
    Field,
    LegalBasis,
    ListingChange,
    Procedure,
    Step,
)
from .services import search_columns

UBND = "Ủy ban nhân dân cấp xã"
SAMEDAY = (
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không "
    "giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo."
)
GENERIC_STEPS = [
    "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã.",
    "Công chức tiếp nhận kiểm tra hồ sơ: hồ sơ đầy đủ thì viết giấy tiếp nhận và hẹn "
    "trả kết quả; chưa đầy đủ thì hướng dẫn bổ sung bằng văn bản.",
    "Cơ quan có thẩm quyền giải quyết và trả kết quả theo giấy hẹn.",
]
LUAT_HO_TICH = {
    "number": "60/2014/QH13",
    "summary": "Luật Hộ tịch",
    "issuer": "Quốc hội",
}
DETAIL_CODE = "1.001193"
FIELD_SLUG = "ho-tich"

# Commune-level procedures that the demo does not hold, as the national database
# names them; the extra ones are these with the qualifiers below.
NAMES = [
    ("Thủ tục đăng ký khai tử", "khai tử, giấy báo tử"),
    ("Thủ tục đăng ký nhận cha, mẹ, con", "nhận con, nhận cha"),
    ("Thủ tục đăng ký giám hộ", "giám hộ"),
    ("Thủ tục đăng ký lại khai sinh", "khai sinh lại"),
    ("Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch", "cải chính"),
    ("Thủ tục cấp bản sao trích lục hộ tịch", "trích lục"),
    ("Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản", "chứng thực chữ ký"),
    ("Thủ tục chứng thực di chúc", "di chúc"),
    (
        "Thủ tục chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        "hợp đồng mua bán xe",
    ),
    ("Thủ tục hòa giải tranh chấp đất đai", "tranh chấp đất"),
    ("Thủ tục đăng ký biến động quyền sử dụng đất", "sang tên sổ đỏ"),
    ("Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ", "giấy phép xây nhà"),
    ("Thủ tục tạm ngừng kinh doanh của hộ kinh doanh", "tạm nghỉ kinh doanh"),
    ("Thủ tục chấm dứt hoạt động hộ kinh doanh", "đóng cửa hàng"),
    (
        "Thủ tục thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
        "trợ cấp xã hội",
    ),
    ("Thủ tục xác định, xác định lại mức độ khuyết tật", "giấy xác nhận khuyết tật"),
    ("Thủ tục hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "mai táng phí"),
    ("Thủ tục giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "thờ cúng liệt sĩ"),
    ("Thủ tục xét tặng danh hiệu Gia đình văn hóa", "gia đình văn hóa"),
    ("Thủ tục thông báo tổ chức lễ hội cấp xã", "lễ hội"),
]
QUALIFIERS = [
    "",
    "lưu động",
    "có yếu tố nước ngoài",
    "cho người đang cư trú ở nước ngoài",
    "liên thông",
    "trực tuyến",
    "kết hợp",
    "theo thủ tục rút gọn",
    "trường hợp đặc biệt",
    "đối với người chưa thành niên",
]
FEES = [
    ("Miễn lệ phí", 0),
    ("Lệ phí: 8.000 đồng/lần", 8000),
    ("Lệ phí: 10.000 đồng/trường hợp", 10000),
    ("Phí: 50.000 đồng/hồ sơ", 50000),
]


def pages():
    """(name, path) of the procedures' pages, slowest kinds included."""
    return [
        ("list", reverse("procedures:list")),
        ("field filter", reverse("procedures:list") + f"?linh_vuc={FIELD_SLUG}"),
        ("search, no diacritics", reverse("procedures:list") + "?q=dang+ky+ket+hon"),
        ("search, typo", reverse("procedures:list") + "?q=dang+ki+khia+sinh"),
        ("detail", reverse("procedures:detail", kwargs={"code": DETAIL_CODE})),
        ("print sheet", reverse("procedures:print", kwargs={"code": DETAIL_CODE})),
        ("field print", reverse("procedures:field-print", kwargs={"slug": FIELD_SLUG})),
        (
            "field print, full",
            reverse("procedures:field-print-full", kwargs={"slug": FIELD_SLUG}),
        ),
        ("open data CSV", reverse("procedures:open-data-csv")),
        ("open data JSON", reverse("procedures:open-data-json")),
    ]


def _extra_procedures(count, fields, first_number):
    variants = itertools.cycle(itertools.product(QUALIFIERS, NAMES))
    for n, (qualifier, (name, keyword)) in zip(range(count), variants, strict=False):
        online = ("full", "partial", "none")[n % 3]
        procedure = Procedure(
            code=f"9.{first_number + n:06d}",
            name=f"{name} {qualifier}".strip(),
            field=fields[n % len(fields)],
            implementing_agency=UBND,
            competent_authority="Ủy ban nhân dân xã Thạch Hà",
            applicants="Công dân Việt Nam; tổ chức có yêu cầu",
            result="Văn bản, giấy tờ theo yêu cầu (bản chính)",
            dossier_quantity="01 bộ",
            online_level=online,
            keywords=keyword,
            posted_at_desk=n % 2 == 0,
            source_note="Dữ liệu sinh thêm để đo tốc độ (scripts/bench.py).",
        )
        procedure.prepare()
        fee, amount = FEES[n % len(FEES)]
        channels = [
            Channel(
                kind="direct",
                processing_time=SAMEDAY,
                fee=fee,
                fee_amount=amount,
                order=1,
            )
        ]
        if online != "none":
            channels.append(
                Channel(
                    kind="online",
                    processing_time=SAMEDAY,
                    fee=fee,
                    fee_amount=amount,
                    order=2,
                )
            )
        dossier = [
            DossierItem(
                name="Tờ khai theo mẫu", form_name="Tờ khai", order=1, copies=0
            ),
            DossierItem(
                name="Giấy tờ tùy thân của người yêu cầu",
                originals=0,
                copies=1,
                order=2,
            ),
        ]
        children = {
            "steps": [
                Step(text=text, order=order)
                for order, text in enumerate(GENERIC_STEPS, start=1)
            ],
            "channels": channels,
            "dossier": dossier,
            "bases": [
                LegalBasis(
                    number=LUAT_HO_TICH["number"],
                    summary=LUAT_HO_TICH["summary"],
                    issuer=LUAT_HO_TICH["issuer"],
                )
            ],
        }
        search_columns(procedure, dossier)
        yield procedure, children


@transaction.atomic
def grow(scale):
    """Add ``scale`` × 20 procedures with all their parts, spread over the
    fields, written in bulk with their search columns filled."""
    fields = list(Field.objects.order_by("order", "name"))
    if not fields or scale <= 0:
        return
    first_number = 900001 + Procedure.objects.filter(code__startswith="9.").count()
    built = list(_extra_procedures(scale * len(NAMES), fields, first_number))
    Procedure.objects.bulk_create([procedure for procedure, _ in built])
    rows = {"steps": [], "channels": [], "dossier": [], "bases": []}
    for procedure, children in built:
        for key, items in children.items():
            for item in items:
                item.procedure = procedure
                rows[key].append(item)
    Step.objects.bulk_create(rows["steps"])
    Channel.objects.bulk_create(rows["channels"])
    DossierItem.objects.bulk_create(rows["dossier"])
    LegalBasis.objects.bulk_create(rows["bases"])
    # the listing history save() would have written (the plans' listing KPI)
    ListingChange.objects.bulk_create(
        ListingChange(
            procedure=procedure,
            changed_at=procedure.created_at,
            listed=procedure.listing_state[0],
            posted_at_desk=procedure.posted_at_desk,
            desk_checked_on=procedure.desk_checked_on,
        )
        for procedure, _children in built
    )
    pagecache.invalidate()  # bulk writes send no signal
    search.index_changed("procedures")
