"""Demo content: Kế hoạch 02/KH-UBND ngày 06/01/2021 of UBND thị trấn Thạch Hà
(the seed document), structured, with its nine KPIs and tasks, and the 2021
communication activities. Together with the demo bulletins (April, August and
November 2021 without an airing, June 2021 without a website item) the dashboard
tells a true story: most months met, some missed.

Idempotent: the plan is looked up by its number and date, activities by date and
title."""

import datetime

from django.db import transaction

from .models import Activity, Evidence, Indicator, LegalBasis, Plan, Section, Task

D = datetime.date

PLAN = {
    "number": "02/KH-UBND",
    "issued_on": D(2021, 1, 6),
    "issuer": "UBND thị trấn Thạch Hà",
    "issuer_parent": "UBND huyện Thạch Hà",
    "place": "Thạch Hà",
    "title": "Thực hiện công tác tuyên truyền cải cách hành chính năm 2021",
    "preamble": (
        "Thực hiện Kế hoạch số 239/KH-UBND ngày 29/7/2016 của Ủy ban nhân dân tỉnh "
        "về thực hiện cải cách hành chính giai đoạn 2016-2021 trên địa bàn tỉnh và các "
        "văn bản có liên quan đến công tác cải cách hành chính; Kế hoạch số "
        "132/KH-UBND ngày 23/12/2020 của Ủy ban nhân dân huyện Thạch Hà về công tác "
        "tuyên truyền CCHC năm 2021; UBND thị trấn Thạch Hà xây dựng kế hoạch thực "
        "hiện công tác tuyên truyền cải cách hành chính năm 2021 như sau:"
    ),
    "starts_on": D(2021, 1, 1),
    "ends_on": D(2021, 12, 31),
    "status": Plan.Status.IN_FORCE,
    "signer_title": "Chủ tịch",
    "signer_name": "(dữ liệu mẫu)",
    "recipients": (
        "UBND huyện Thạch Hà (b/c)\nPhòng Nội vụ huyện\nCác ban, ngành, đoàn thể"
    ),
}

LEGAL_BASES = [
    (
        "239/KH-UBND",
        D(2016, 7, 29),
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "Thực hiện cải cách hành chính giai đoạn 2016-2021 trên địa bàn tỉnh",
    ),
    (
        "132/KH-UBND",
        D(2020, 12, 23),
        "Ủy ban nhân dân huyện Thạch Hà",
        "Công tác tuyên truyền cải cách hành chính năm 2021",
    ),
]

SECTIONS = [
    (
        "I. MỤC ĐÍCH YÊU CẦU",
        "1. Tiếp tục đẩy mạnh tuyên truyền nâng cao nhận thức, trách nhiệm của các "
        "cấp, đội ngũ cán bộ, công chức, người lao động và mọi tầng lớp nhân dân về ý "
        "nghĩa tầm quan trọng, nội dung, mục tiêu và nhiệm vụ CCHC, tạo sự đồng thuận, "
        "để đồng sức, đồng lòng, huy động và phát huy tối đa mọi nguồn lực để thực "
        "hiện có hiệu quả công tác CCHC Nhà nước trên địa bàn thị trấn Thạch Hà.\n\n"
        "Hỗ trợ cho cán bộ, công chức, nắm vững mục tiêu, nội dung, các nhiệm vụ CCHC, "
        "nêu cao tinh thần, trách nhiệm thực hiện tốt nhiệm vụ được giao đồng thời "
        "nâng cao nhận thức cho các doanh nghiệp và nhân dân cùng chung tay xây dựng "
        "nền hành chính văn minh.\n\n"
        "2. Tăng cường công tác tuyên truyền; đổi mới nội dung, hình thức tuyên "
        "truyền; kết hợp tuyên truyền về cải cách hành chính lồng ghép với việc tuyên "
        "truyền, phổ biến, giáo dục pháp luật; kết hợp hình thức tuyên truyền truyền "
        "thống với ứng dụng công nghệ thông tin nhằm mang lại hiệu quả cao để thực "
        "hiện tốt công tác CCHC trên các lĩnh vực chuyên môn phụ trách.\n\n"
        "3. Xây dựng kế hoạch, lựa chọn nội dung phù hợp với yêu cầu từng thời điểm; "
        "công tác tuyên truyền phải thực hiện đầy đủ kịp thời, thường xuyên, đáp ứng "
        "nhu cầu của tất cả các đối tượng trong việc nắm bắt, tìm hiểu thông tin về "
        "cải cách hành chính Nhà nước, nhất là cải cách thủ tục hành chính.",
    ),
    (
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "1. Tuyên truyền phổ biến sâu rộng về tầm quan trọng, ý nghĩa, mục tiêu và "
        "tác động CCHC đến phát triển kinh tế - xã hội.\n\n"
        "2. Tuyên truyền đầy đủ các nội dung và kết quả thực hiện theo kế hoạch CCHC "
        "năm 2021 của tỉnh, huyện và thị trấn Thạch Hà.\n\n"
        "3. Quá trình tuyên truyền phải gắn với lộ trình, mục tiêu nhiệm vụ CCHC của "
        "năm 2021 đồng thời tổ chức thực hiện đầy đủ kịp thời, thường xuyên, phù hợp "
        "với tính chất, đặc điểm và nhiệm vụ của địa phương và từng nhóm đối tượng.\n\n"
        "4. Tập trung công tác tuyên truyền với nhiều hình thức như trực quan, cổng "
        "thông tin điện tử của thị trấn, mạng xã hội, lồng ghép vào các cuộc họp để "
        "quán triệt, phổ biến các chủ trương, chính sách của Đảng, pháp luật của Nhà "
        "Nước về đổi mới của hệ thống chính trị tại địa phương góp phần nâng cao dân "
        "trí để thúc đẩy phát triển kinh tế - xã hội, đảm bảo an sinh xã hội, quốc "
        "phòng – an ninh, trật tự an toàn xã hội trên địa bàn.",
    ),
    (
        "III. PHƯƠNG TIỆN VÀ HÌNH THỨC TUYÊN TRUYỀN",
        "1. Phương tiện tuyên truyền.\n"
        "Thông qua Đài truyền thanh của thị trấn Thạch Hà, hệ thống phát thanh của tổ "
        "dân phố; băng rôn, khẩu hiệu; tuyên truyền miệng, áp phích, hội nghị và các "
        "phương tiện khác.\n\n"
        "2. Hình thức tuyên truyền.\n"
        "- Đưa tin bài về cải cách hành chính phát trên trang thông tin điện tử, đài "
        "truyền thanh thị trấn; in pa nô, áp phích treo tại công sở làm việc;\n"
        "- Tổ chức tuyên truyền thông qua hội nghị về công tác cải cách hành chính, "
        "tập trung vào tuyên truyền chương trình tổng thể cải cách hành chính Nhà "
        "nước giai đoạn 2011 – 2020; việc thực hiện đơn giản hóa và công khai, minh "
        "bạch các thủ tục hành chính; việc thực hiện cơ chế một cửa, một cửa liên "
        "thông; việc ứng dụng công nghệ thông tin gắn với cải cách hành chính, thông "
        "qua niêm yết công khai các thủ tục hành chính tại bộ phận tiếp nhận và trả "
        "kết quả.\n"
        "- Tổ chức các cuộc đối thoại trực tiếp giữa UBND thị trấn với người dân và "
        "doanh nghiệp về cải cách hành chính, cải cách thủ tục hành chính (trọng tâm "
        "là lĩnh vực tư pháp hộ tịch, hộ khẩu, đất đai, cấp phép kinh doanh, xây dựng "
        "và chính sách đối với người có công, bảo trợ xã hội); việc xây dựng và thực "
        "hiện các cơ chế, chính sách tăng cường thu hút đầu tư.",
    ),
    (
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Thời gian thực hiện: Từ tháng 01/2021 đến tháng 12/2021.\n\n"
        "2. Nội dung, chỉ tiêu thực hiện: như danh mục chỉ tiêu kèm theo.\n\n"
        "3. Giao công chức Văn hoá phối hợp với Văn phòng UBND: chủ trì, phối hợp với "
        "các công chức liên quan chủ động thực hiện công tác CCHC và tuyên truyền "
        "CCHC thuộc ngành, lĩnh vực mình phụ trách, tham mưu ban hành kế hoạch, triển "
        "khai thực hiện công tác tuyên truyền phù hợp theo từng thời điểm, đạt kết "
        "quả cao./.",
    ),
]

CULTURE = "Công chức Văn hóa – xã hội"
OFFICE = "Văn phòng UBND thị trấn"
TASKS = [
    # order, title, lead, coordinators, due, status, completed, evidence
    (
        1,
        "Xây dựng, ban hành kế hoạch tuyên truyền cải cách hành chính năm 2021",
        CULTURE,
        OFFICE,
        D(2021, 1, 15),
        Task.Status.DONE,
        D(2021, 1, 6),
        "Kế hoạch số 02/KH-UBND ngày 06/01/2021",
    ),
    (
        2,
        "Chủ trì, phối hợp các công chức liên quan triển khai công tác tuyên truyền "
        "CCHC theo từng thời điểm; tham mưu báo cáo định kỳ",
        CULTURE,
        OFFICE + "; các công chức chuyên môn",
        D(2021, 12, 15),
        Task.Status.DONE,
        D(2021, 12, 14),
        "Báo cáo 6 tháng, 9 tháng, năm 2021",
    ),
    (
        3,
        "Mỗi tháng ít nhất một tin bài CCHC trên trang thông tin điện tử và hệ thống "
        "loa truyền thanh",
        CULTURE,
        "Đài truyền thanh thị trấn",
        D(2021, 12, 31),
        Task.Status.DONE,
        D(2021, 12, 31),
        "",
    ),
    (
        4,
        "Niêm yết công khai các thủ tục hành chính thuộc thẩm quyền tại bộ phận "
        "Một cửa và trên trang thông tin điện tử",
        OFFICE,
        "Công chức Tư pháp – Hộ tịch; công chức Địa chính",
        D(2021, 3, 31),
        Task.Status.DONE,
        D(2021, 3, 20),
        "",
    ),
    (
        5,
        "Tổ chức hội nghị chuyên đề CCHC; treo áp phích; phát tờ rơi; tham gia cuộc "
        "thi do huyện tổ chức",
        CULTURE,
        OFFICE + "; các tổ dân phố",
        D(2021, 11, 30),
        Task.Status.DONE,
        D(2021, 11, 20),
        "",
    ),
]

KPIS = [
    # order, short name, text, metric, params, target, unit, period
    (
        1,
        "Xây dựng kế hoạch tuyên truyền",
        "Xây dựng kế hoạch tuyên truyền về cải cách hành chính.",
        "plan_issued",
        {"by": "2021-01-31"},
        1,
        "",
        Indicator.Period.ONCE,
    ),
    (
        2,
        "Tin bài CCHC trên trang TTĐT và loa truyền thanh",
        "Định kỳ hàng tháng có ít nhất một tin bài tuyên truyền các nội dung về CCHC "
        "trên trang thông tin điện tử và hệ thống loa truyền thanh của thị trấn.",
        "website_and_loudspeaker",
        {},
        1,
        "tin bài",
        Indicator.Period.MONTH,
    ),
    (
        3,
        "Niêm yết công khai TTHC",
        "Niêm yết công khai, minh bạch các thủ tục hành chính, quy trình giải quyết "
        "thuộc thẩm quyền giải quyết của UBND thị trấn Thạch Hà tại bộ phận GDMC và "
        "Trang thông tin điện tử thị trấn Thạch Hà.",
        "procedures_posted",
        {},
        100,
        "%",
        Indicator.Period.YEAR,
    ),
    (
        4,
        "Nêu gương điển hình, phê phán",
        "Thường xuyên nêu gương điển hình tiên tiến trong thực hiện cải cách hành "
        "chính; nêu gương cán bộ, công chức, viên chức tận tâm, tận tụy phục vụ nhân "
        "dân; phê phán tổ chức, cá nhân thực hiện không tốt, hình thức, đối phó, những "
        "biểu hiện tiêu cực trong giải quyết thủ tục hành chính trên trang thông tin "
        "điện tử của thị trấn Thạch Hà.",
        "bulletins",
        {"categories": ["neu-guong", "phe-phan"]},
        1,
        "tin bài",
        Indicator.Period.QUARTER,
    ),
    (
        5,
        "Áp phích tại trụ sở, tuyến đường chính, nhà văn hóa",
        "Treo các áp phích tuyên truyền về các nội dung CCHC tại trụ sở UBND thị trấn "
        "và các tuyến đường chính, điểm tập trung dân cư như nhà văn hoá Tổ dân phố.",
        "activities",
        {"kinds": ["poster", "banner"], "measure": "places"},
        5,
        "địa điểm",
        Indicator.Period.YEAR,
    ),
    (
        6,
        "Phát tờ rơi, tờ gấp CCHC",
        "Phát tờ rơi, tờ gấp liên quan đến nhiệm vụ CCHC phù hợp với mục tiêu, yêu "
        "cầu, nội dung tuyên truyền để phổ biến đến từng nhóm đối tượng.",
        "activities",
        {"kinds": ["leaflet"], "measure": "quantity"},
        500,
        "tờ",
        Indicator.Period.YEAR,
    ),
    (
        7,
        "Hội nghị, hội thảo chuyên đề CCHC",
        "Tổ chức ít nhất 02 cuộc/năm về hội nghị, hội thảo chuyên đề về cải cách "
        "hành chính và lồng ghép nội dung tuyên truyền vào một số cuộc hội nghị khác.",
        "activities",
        {"kinds": ["conference"], "measure": "count"},
        2,
        "cuộc",
        Indicator.Period.YEAR,
    ),
    (
        8,
        "Tham gia cuộc thi tìm hiểu CCHC",
        "Tham gia các cuộc thi do huyện tổ chức về tìm hiểu công tác cải cách hành "
        "chính.",
        "activities",
        {"kinds": ["contest"], "measure": "count"},
        1,
        "cuộc thi",
        Indicator.Period.YEAR,
    ),
    (
        9,
        "Phân công chủ trì: công chức Văn hóa và Văn phòng",
        "Giao công chức Văn hoá phối hợp với Văn phòng UBND: chủ trì, phối hợp với các "
        "công chức liên quan chủ động thực hiện công tác CCHC và tuyên truyền CCHC.",
        "tasks_led_by",
        {"lead": "Văn hóa"},
        1,
        "nhiệm vụ",
        Indicator.Period.ONCE,
    ),
]

HQ = "Trụ sở UBND thị trấn Thạch Hà"
ACTIVITIES = [
    # kind, date, title, places, participants, quantity, reach, evidence
    (
        Activity.Kind.CONFERENCE,
        D(2021, 3, 26),
        "Hội nghị tuyên truyền cải cách hành chính và cơ chế một cửa năm 2021",
        [f"Hội trường {HQ}"],
        85,
        None,
        None,
        [("document", "07/GM-UBND", "Giấy mời hội nghị")],
    ),
    (
        Activity.Kind.CONFERENCE,
        D(2021, 10, 15),
        "Hội thảo chuyên đề: ứng dụng dịch vụ công trực tuyến trong giải quyết TTHC",
        [f"Hội trường {HQ}"],
        70,
        None,
        None,
        [("document", "41/GM-UBND", "Giấy mời hội thảo")],
    ),
    (
        Activity.Kind.DIALOGUE,
        D(2021, 6, 18),
        "Đối thoại giữa UBND thị trấn với người dân và doanh nghiệp về TTHC đất đai, "
        "hộ tịch",
        ["Nhà văn hóa Tổ dân phố 4"],
        60,
        None,
        None,
        [("document", "12/BB-UBND", "Biên bản đối thoại")],
    ),
    (
        Activity.Kind.POSTER,
        D(2021, 2, 22),
        "Treo áp phích tuyên truyền CCHC tại trụ sở UBND và tuyến đường chính",
        [HQ, "Quốc lộ 1A đoạn qua thị trấn", "Đường trục chính trung tâm thị trấn"],
        None,
        6,
        None,
        [("link", "", "Ảnh áp phích (trang TTĐT thị trấn)")],
    ),
    (
        Activity.Kind.POSTER,
        D(2021, 5, 10),
        "Treo áp phích CCHC tại nhà văn hóa các tổ dân phố",
        ["Nhà văn hóa Tổ dân phố 1", "Nhà văn hóa Tổ dân phố 4", HQ],
        None,
        8,
        None,
        [],
    ),
    (
        Activity.Kind.LEAFLET,
        D(2021, 4, 12),
        "Phát tờ gấp hướng dẫn thủ tục hộ tịch, chứng thực",
        ["Bộ phận Một cửa", "Các tổ dân phố"],
        None,
        500,
        None,
        [],
    ),
    (
        Activity.Kind.LEAFLET,
        D(2021, 9, 6),
        "Phát tờ rơi hướng dẫn nộp hồ sơ trực tuyến trên Cổng dịch vụ công",
        ["Bộ phận Một cửa"],
        None,
        300,
        None,
        [],
    ),
    (
        Activity.Kind.CONTEST,
        D(2021, 11, 20),
        "Tham gia cuộc thi tìm hiểu cải cách hành chính do huyện Thạch Hà tổ chức",
        [],
        None,
        42,
        None,
        [("document", "58/KQ-HĐ", "Kết quả cuộc thi (huyện)")],
    ),
    (
        Activity.Kind.CCHC_SLOT,
        D(2021, 7, 30),
        "Lồng ghép tuyên truyền CCHC tại hội nghị giao ban tổ dân phố",
        [f"Hội trường {HQ}"],
        40,
        None,
        None,
        [],
    ),
]


@transaction.atomic
def load(stdout=None):
    plan = Plan.objects.filter(
        number=PLAN["number"], issued_on=PLAN["issued_on"]
    ).first()
    if plan is None:
        plan = Plan(**PLAN)
        plan.full_clean()
        plan.save()
        for order, (number, issued_on, issuer, summary) in enumerate(LEGAL_BASES, 1):
            LegalBasis.objects.create(
                plan=plan,
                order=order,
                number=number,
                issued_on=issued_on,
                issuer=issuer,
                summary=summary,
            )
        for order, (heading, body) in enumerate(SECTIONS, 1):
            Section.objects.create(plan=plan, order=order, heading=heading, body=body)
        for order, title, lead, coord, due, status, done, evidence in TASKS:
            Task.objects.create(
                plan=plan,
                order=order,
                title=title,
                lead=lead,
                coordinators=coord,
                due_on=due,
                status=status,
                completed_on=done,
                evidence=evidence,
            )
        for order, short, text, metric, params, target, unit, period in KPIS:
            kpi = Indicator(
                plan=plan,
                order=order,
                short_name=short,
                text=text,
                metric=metric,
                params=params,
                target=target,
                unit=unit,
                period=period,
                responsible=CULTURE if order != 3 else OFFICE,
            )
            kpi.full_clean()
            kpi.save()
        created = True
    else:
        created = False
    added = 0
    for (
        kind,
        held_on,
        title,
        places,
        participants,
        quantity,
        reach,
        proofs,
    ) in ACTIVITIES:
        activity, made = Activity.objects.get_or_create(
            held_on=held_on,
            title=title,
            defaults={
                "kind": kind,
                "places": "\n".join(places),
                "participants": participants,
                "quantity": quantity,
                "reach": reach,
                "responsible": CULTURE,
            },
        )
        if made:
            added += 1
            for proof_kind, number, caption in proofs:
                Evidence.objects.create(
                    activity=activity,
                    kind=proof_kind,
                    document_number=number,
                    caption=caption,
                    url="https://thitranthachha.thachha.gov.vn/"
                    if proof_kind == "link"
                    else "",
                )
    if stdout:
        stdout.write(
            f"Kế hoạch {PLAN['number']}: {'tạo mới' if created else 'đã có'}; "
            f"hoạt động mới: {added}"
        )
    return plan
