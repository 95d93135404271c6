"""Demo content: CCHC bulletins across 2021 (the plan's year) with their
loudspeaker airings, and a few current items. Idempotent by slug.

Gaps are deliberate, so that the KPI dashboard has something to show: no
website item in June 2021, and no airing in April, August and November 2021.
"""

import datetime

from django.utils import timezone

from procedures.models import Procedure

from .models import Airing, Bulletin, Category

SAMPLE_NOTE = (
    "<p><em>Nội dung mẫu để chạy thử cổng thông tin, không phải tin thật.</em></p>"
)

CATEGORIES = [
    ("tin-cchc", "Tin cải cách hành chính", 1),
    ("neu-guong", "Nêu gương điển hình", 2),
    ("phe-phan", "Phê phán việc làm sai", 3),
    ("thong-bao", "Thông báo", 4),
]

# slug, category, local publication time, title, summary, paragraphs, airings
# (day offset, station, minutes, reader)
LOA_XA = "Đài truyền thanh xã"
ITEMS = [
    (
        "trien-khai-ke-hoach-tuyen-truyen-cchc-2021",
        "tin-cchc",
        (2021, 1, 8, 8, 0),
        "Triển khai Kế hoạch tuyên truyền cải cách hành chính năm 2021",
        "UBND thị trấn ban hành Kế hoạch số 02/KH-UBND về tuyên truyền CCHC năm 2021.",
        [
            "Ngày 06/01/2021, UBND thị trấn Thạch Hà ban hành Kế hoạch số 02/KH-UBND "
            "về công tác tuyên truyền CCHC năm 2021.",
            "Kế hoạch đặt mục tiêu mỗi tháng có ít nhất một tin về CCHC trên trang "
            "thông tin điện tử và trên hệ thống truyền thanh của thị trấn.",
            "Các tổ dân phố, cơ quan, đơn vị trên địa bàn phối hợp niêm yết công "
            "khai TTHC tại Bộ phận Một cửa và trên trang thông tin điện tử.",
        ],
        [
            (2, LOA_XA, 6, "Nguyễn Thị Lan"),
            (3, "Cụm loa tổ dân phố 4", 6, "Lê Văn Bình"),
        ],
    ),
    (
        "thong-bao-lich-tiep-cong-dan-thang-1",
        "thong-bao",
        (2021, 1, 31, 23, 30),
        "Thông báo lịch tiếp công dân tháng 02/2021",
        "Lịch tiếp công dân định kỳ của Chủ tịch UBND thị trấn trong tháng 02/2021.",
        [
            "Chủ tịch UBND thị trấn tiếp công dân định kỳ vào ngày 15 hằng tháng tại "
            "trụ sở UBND.",
            "Công dân có phản ánh, kiến nghị về TTHC xin liên hệ Bộ phận Một cửa.",
        ],
        [],
    ),
    (
        "huong-dan-nop-ho-so-truc-tuyen",
        "tin-cchc",
        (2021, 2, 18, 8, 30),
        "Hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công",
        "Các bước đăng ký tài khoản và nộp hồ sơ TTHC trực tuyến.",
        [
            "Người dân có thể nộp hồ sơ nhiều TTHC qua Cổng Dịch vụ công quốc gia "
            "mà không phải đến trụ sở UBND.",
            "Bước 1: đăng ký tài khoản; bước 2: chọn thủ tục; bước 3: khai thông "
            "tin và đính kèm giấy tờ; bước 4: theo dõi kết quả.",
        ],
        [(1, LOA_XA, 5, "Nguyễn Thị Lan")],
    ),
    (
        "cong-chuc-mot-cua-tan-tam",
        "neu-guong",
        (2021, 3, 12, 9, 0),
        "Nêu gương: công chức Một cửa tận tâm hướng dẫn người dân",
        "Chị Lê Thị Hoa, công chức Bộ phận Một cửa, được người dân nhiều lần gửi lời "
        "cảm ơn.",
        [
            "Trong quý I, Bộ phận Một cửa nhận được nhiều ý kiến khen ngợi về thái "
            "độ phục vụ của chị Lê Thị Hoa.",
            "Chị chủ động gọi điện hướng dẫn người dân bổ sung hồ sơ, không để người "
            "dân phải đi lại nhiều lần.",
        ],
        [(2, LOA_XA, 5, "Nguyễn Thị Lan")],
    ),
    (
        "ket-qua-cchc-quy-1",
        "tin-cchc",
        (2021, 3, 29, 8, 0),
        "Kết quả thực hiện CCHC quý I năm 2021",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.",
        [
            "Quý I/2021, Bộ phận Một cửa tiếp nhận 412 hồ sơ, giải quyết đúng hạn "
            "404 hồ sơ.",
        ],
        [(1, "Cụm loa tổ dân phố 2", 4, "Lê Văn Bình")],
    ),
    (
        "niem-yet-cong-khai-tthc",
        "tin-cchc",
        (2021, 4, 15, 8, 0),
        "Niêm yết công khai đầy đủ TTHC thuộc thẩm quyền cấp xã",
        "Toàn bộ TTHC cấp xã đã được niêm yết tại Bộ phận Một cửa và trên trang "
        "thông tin điện tử.",
        [
            "Theo Quyết định của UBND tỉnh, các TTHC thuộc thẩm quyền giải quyết của "
            "cấp xã được niêm yết công khai, cập nhật kịp thời.",
        ],
        [],
    ),
    (
        "phe-phan-chay-hanh-chinh",
        "phe-phan",
        (2021, 5, 10, 8, 0),
        "Phê phán tình trạng đưa tiền \u201cbồi dưỡng\u201d để giải quyết hồ sơ nhanh",
        "Người dân được nhắc không đưa tiền ngoài phí, lệ phí quy định.",
        [
            "Một số trường hợp người dân nhờ người quen \u201clo\u201d hồ sơ với chi "
            "phí ngoài quy định. Đây là việc làm sai cần phê phán.",
            "Mọi phản ánh xin gửi về đường dây nóng của UBND.",
        ],
        [(3, LOA_XA, 4, "Nguyễn Thị Lan")],
    ),
    (
        "hoi-nghi-doi-thoai-cchc",
        "tin-cchc",
        (2021, 7, 20, 8, 0),
        "Hội nghị đối thoại giữa Chủ tịch UBND và người dân về CCHC",
        "Hơn 80 đại biểu dự hội nghị đối thoại về TTHC đất đai và hộ tịch.",
        [
            "Tại hội nghị, người dân nêu nhiều kiến nghị về thời gian giải quyết hồ "
            "sơ đất đai; lãnh đạo UBND đã trả lời trực tiếp.",
        ],
        [(1, LOA_XA, 7, "Nguyễn Thị Lan")],
    ),
    (
        "tang-cuong-thanh-toan-truc-tuyen",
        "tin-cchc",
        (2021, 8, 16, 8, 0),
        "Khuyến khích thanh toán phí, lệ phí TTHC trực tuyến",
        "Người dân có thể thanh toán phí, lệ phí qua Cổng Dịch vụ công.",
        ["Thanh toán trực tuyến giúp tiết kiệm thời gian đi lại cho người dân."],
        [],
    ),
    (
        "to-dan-pho-4-dien-hinh",
        "neu-guong",
        (2021, 9, 9, 8, 0),
        "Tổ dân phố 4 điển hình trong tuyên truyền CCHC",
        "Tổ dân phố 4 tổ chức tuyên truyền TTHC tại các buổi sinh hoạt khu dân cư.",
        ["Tổ dân phố 4 lồng ghép tuyên truyền CCHC trong mỗi buổi họp dân."],
        [(2, "Cụm loa tổ dân phố 4", 4, "Lê Văn Bình")],
    ),
    (
        "cuoc-thi-tim-hieu-cchc",
        "thong-bao",
        (2021, 10, 5, 8, 0),
        "Phát động cuộc thi tìm hiểu về CCHC năm 2021",
        "Cán bộ, đoàn viên và người dân tham gia cuộc thi trực tuyến.",
        ["Cuộc thi diễn ra từ ngày 05/10/2021 đến ngày 30/10/2021."],
        [(1, LOA_XA, 3, "Nguyễn Thị Lan")],
    ),
    (
        "chuyen-doi-so-mot-cua",
        "tin-cchc",
        (2021, 11, 12, 8, 0),
        "Chuyển đổi số tại Bộ phận Một cửa",
        "Bộ phận Một cửa số hóa hồ sơ, kết quả giải quyết TTHC.",
        ["Từ tháng 11/2021, kết quả giải quyết TTHC được số hóa và lưu trữ điện tử."],
        [],
    ),
    (
        "phe-phan-tre-hen",
        "phe-phan",
        (2021, 11, 26, 8, 0),
        "Nhắc nhở, phê phán việc trả kết quả trễ hẹn không xin lỗi",
        "Các trường hợp trễ hẹn phải có văn bản xin lỗi người dân.",
        ["Mọi hồ sơ trễ hẹn đều phải có phiếu xin lỗi và hẹn lại ngày trả kết quả."],
        [],
    ),
    (
        "tong-ket-cchc-2021",
        "tin-cchc",
        (2021, 12, 20, 8, 0),
        "Tổng kết công tác tuyên truyền CCHC năm 2021",
        "Nhìn lại kết quả thực hiện Kế hoạch số 02/KH-UBND.",
        ["Năm 2021, trang thông tin điện tử đăng hơn 15 tin, bài về CCHC."],
        [(2, LOA_XA, 6, "Nguyễn Thị Lan")],
    ),
    (
        "bo-may-xa-thach-ha-moi",
        "thong-bao",
        (2026, 10, 15, 8, 0),
        "Bộ phận Một cửa xã Thạch Hà sau sắp xếp đơn vị hành chính",
        "Địa chỉ và giờ làm việc của Trung tâm Phục vụ hành chính công xã Thạch Hà.",
        [
            "Từ ngày 01/07/2025, thị trấn Thạch Hà thuộc xã Thạch Hà, tỉnh Hà Tĩnh.",
            "Người dân nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã.",
        ],
        [(1, LOA_XA, 4, "Nguyễn Thị Lan")],
    ),
    (
        "cchc-thang-11-2026",
        "tin-cchc",
        (2026, 11, 10, 8, 0),
        "Đẩy mạnh dịch vụ công trực tuyến toàn trình năm 2026",
        "Nhiều TTHC cấp xã đã nộp được trực tuyến toàn trình.",
        [
            "Người dân có thể làm giấy khai sinh, đăng ký thường trú trực tuyến "
            "toàn trình trên Cổng Dịch vụ công quốc gia.",
        ],
        [(2, LOA_XA, 4, "Nguyễn Thị Lan")],
    ),
]


# Work in progress, so that the admin shows the workflow: one item waiting for
# approval, one approved and scheduled for a later time.
PENDING = [
    (
        "du-thao-tin-cchc-thang-12-2026",
        Bulletin.Status.SUBMITTED,
        None,
        "Dự thảo: Kết quả CCHC năm 2026 và nhiệm vụ năm 2027",
        "Tin chờ lãnh đạo duyệt.",
    ),
    (
        "thong-bao-nghi-tet-2027",
        Bulletin.Status.PUBLISHED,
        (2027, 1, 20, 8, 0),
        "Thông báo lịch làm việc của Bộ phận Một cửa dịp Tết Nguyên đán 2027",
        "Tin đã duyệt, hẹn giờ đăng.",
    ),
]


# Bulletin slug → codes of the procedures it talks about (those the procedures
# demo loaded; a missing code is skipped).
RELATED = {
    "huong-dan-nop-ho-so-truc-tuyen": ["1.001193", "1.000894"],
    "cchc-thang-11-2026": ["1.001193"],
    "niem-yet-cong-khai-tthc": ["1.001193", "1.000894", "1.013978"],
}


def _local(parts):
    return timezone.make_aware(datetime.datetime(*parts))


def load(stdout=None):
    categories = {}
    for slug, name, order in CATEGORIES:
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    created = 0
    for slug, category, when, title, summary, paragraphs, airings in ITEMS:
        if Bulletin.objects.filter(slug=slug).exists():
            continue
        published_at = _local(when)
        body = SAMPLE_NOTE + "".join(f"<p>{p}</p>" for p in paragraphs)
        bulletin = Bulletin.objects.create(
            slug=slug,
            title=title,
            summary=f"(Nội dung mẫu) {summary}",
            body=body,
            category=categories[category],
            status=Bulletin.Status.PUBLISHED,
            published_at=published_at,
        )
        for offset, station, minutes, reader in airings:
            Airing.objects.create(
                bulletin=bulletin,
                aired_at=published_at + datetime.timedelta(days=offset, hours=9),
                station=station,
                duration_minutes=minutes,
                read_by=reader,
            )
        created += 1
    for slug, status, when, title, summary in PENDING:
        if not Bulletin.objects.filter(slug=slug).exists():
            Bulletin.objects.create(
                slug=slug,
                title=title,
                summary=f"(Nội dung mẫu) {summary}",
                body=SAMPLE_NOTE + f"<p>{summary}</p>",
                category=categories["thong-bao"],
                status=status,
                published_at=_local(when) if when else None,
            )
    for slug, codes in RELATED.items():
        bulletin = Bulletin.objects.filter(slug=slug).first()
        if bulletin:
            bulletin.related_procedures.add(*Procedure.objects.filter(code__in=codes))
    if stdout:
        stdout.write(f"Tin CCHC: {created} tin mới, {len(ITEMS) - created} đã có")
