"""Demo content of the plans app, as data (loaded by ``plans.demo.load``).

* Kế hoạch 02/KH-UBND ngày 06/01/2021 of UBND thị trấn Thạch Hà (the seed
  document), structured, with its KPIs and tasks: archived (closed), counted in
  calendar months, and its 2021 activities, listing history and two issued
  reports.
* The current year's plan, made from it with "copy to the next year" and updated
  for xã Thạch Hà (after 01/07/2025): issuer, number, date, legal bases, wording;
  counted from the 15th to the 14th.

Each KPI says where its target comes from: the plan's own words, or a figure the
commune set to follow words that give none (“thường xuyên”, “một số cuộc”).
The news items these figures count are the bulletins demo's (see bulletins/demo.py).
"""

import datetime

from .models import Activity, Indicator, Plan, Task

D = datetime.date
PLAN_SOURCE = Indicator.TargetSource.PLAN
COMMUNE = Indicator.TargetSource.COMMUNE
CCHC_CATEGORIES = ["tin-cchc", "neu-guong", "phe-phan"]

PLAN_2021 = {
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
    "period_basis": Plan.PeriodBasis.CALENDAR,
    "status": Plan.Status.CLOSED,
    "signer_title": "Chủ tịch",
    "signer_name": "(dữ liệu mẫu)",
    "recipients": (
        "UBND huyện Thạch Hà (b/c)\nPhòng Nội vụ huyện\nCác ban, ngành, đoàn thể"
    ),
}

LEGAL_BASES_2021 = [
    {
        "number": "239/KH-UBND",
        "issued_on": D(2016, 7, 29),
        "issuer": "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "summary": "Thực hiện cải cách hành chính giai đoạn 2016-2021 trên địa bàn "
        "tỉnh",
    },
    {
        "number": "132/KH-UBND",
        "issued_on": D(2020, 12, 23),
        "issuer": "Ủy ban nhân dân huyện Thạch Hà",
        "summary": "Công tác tuyên truyền cải cách hành chính năm 2021",
    },
]

SECTIONS_2021 = [
    {
        "heading": "I. MỤC ĐÍCH YÊU CẦU",
        "body": "1. Tiếp tục đẩy mạnh tuyên truyền nâng cao nhận thức, trách nhiệm của "
        "các cấp, đội ngũ cán bộ, công chức, người lao động và mọi tầng lớp nhân dân "
        "về ý nghĩa tầm quan trọng, nội dung, mục tiêu và nhiệm vụ CCHC, tạo sự đồng "
        "thuận, để đồng sức, đồng lòng, huy động và phát huy tối đa mọi nguồn lực để "
        "thực hiện có hiệu quả công tác CCHC Nhà nước trên địa bàn thị trấn Thạch "
        "Hà.\n\n"
        "Hỗ trợ cho cán bộ, công chức, nắm vững mục tiêu, nội dung, các nhiệm vụ "
        "CCHC, nêu cao tinh thần, trách nhiệm thực hiện tốt nhiệm vụ được giao đồng "
        "thời nâng cao nhận thức cho các doanh nghiệp và nhân dân cùng chung tay xây "
        "dựng nền hành chính văn minh.\n\n"
        "2. Tăng cường công tác tuyên truyền; đổi mới nội dung, hình thức tuyên "
        "truyền; kết hợp tuyên truyền về cải cách hành chính lồng ghép với việc tuyên "
        "truyền, phổ biến, giáo dục pháp luật; kết hợp hình thức tuyên truyền truyền "
        "thống với ứng dụng công nghệ thông tin nhằm mang lại hiệu quả cao để thực "
        "hiện tốt công tác CCHC trên các lĩnh vực chuyên môn phụ trách.\n\n"
        "3. Xây dựng kế hoạch, lựa chọn nội dung phù hợp với yêu cầu từng thời điểm; "
        "công tác tuyên truyền phải thực hiện đầy đủ kịp thời, thường xuyên, đáp ứng "
        "nhu cầu của tất cả các đối tượng trong việc nắm bắt, tìm hiểu thông tin về "
        "cải cách hành chính Nhà nước, nhất là cải cách thủ tục hành chính.",
    },
    {
        "heading": "II. NỘI DUNG TUYÊN TRUYỀN",
        "body": "1. Tuyên truyền phổ biến sâu rộng về tầm quan trọng, ý nghĩa, mục "
        "tiêu và tác động CCHC đến phát triển kinh tế - xã hội.\n\n"
        "2. Tuyên truyền đầy đủ các nội dung và kết quả thực hiện theo kế hoạch CCHC "
        "năm 2021 của tỉnh, huyện và thị trấn Thạch Hà.\n\n"
        "3. Quá trình tuyên truyền phải gắn với lộ trình, mục tiêu nhiệm vụ CCHC của "
        "năm 2021 đồng thời tổ chức thực hiện đầy đủ kịp thời, thường xuyên, phù hợp "
        "với tính chất, đặc điểm và nhiệm vụ của địa phương và từng nhóm đối "
        "tượng.\n\n"
        "4. Tập trung công tác tuyên truyền với nhiều hình thức như trực quan, cổng "
        "thông tin điện tử của thị trấn, mạng xã hội, lồng ghép vào các cuộc họp để "
        "quán triệt, phổ biến các chủ trương, chính sách của Đảng, pháp luật của Nhà "
        "Nước về đổi mới của hệ thống chính trị tại địa phương góp phần nâng cao dân "
        "trí để thúc đẩy phát triển kinh tế - xã hội, đảm bảo an sinh xã hội, quốc "
        "phòng – an ninh, trật tự an toàn xã hội trên địa bàn.",
    },
    {
        "heading": "III. PHƯƠNG TIỆN VÀ HÌNH THỨC TUYÊN TRUYỀN",
        "body": "1. Phương tiện tuyên truyền.\n"
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
    },
    {
        "heading": "IV. TỔ CHỨC THỰC HIỆN",
        "body": "1. Thời gian thực hiện: Từ tháng 01/2021 đến tháng 12/2021.\n\n"
        "2. Nội dung, chỉ tiêu thực hiện: như danh mục chỉ tiêu kèm theo.\n\n"
        "3. Giao công chức Văn hoá phối hợp với Văn phòng UBND: chủ trì, phối hợp với "
        "các công chức liên quan chủ động thực hiện công tác CCHC và tuyên truyền "
        "CCHC thuộc ngành, lĩnh vực mình phụ trách, tham mưu ban hành kế hoạch, "
        "triển khai thực hiện công tác tuyên truyền phù hợp theo từng thời điểm, đạt "
        "kết quả cao./.",
    },
]

CULTURE = "Công chức Văn hóa – xã hội"
OFFICE = "Văn phòng UBND thị trấn"

# Tasks 1, 3, 4 and 5 take their status from the KPIs that measure them; task 2
# (the periodic reports) has none, so staff entered it with its evidence: the two
# reports below.
TASKS_2021 = [
    {
        "order": 1,
        "title": "Xây dựng, ban hành kế hoạch tuyên truyền cải cách hành chính năm "
        "2021",
        "lead": CULTURE,
        "coordinators": OFFICE,
        "due_on": D(2021, 1, 31),
    },
    {
        "order": 2,
        "title": "Chủ trì, phối hợp các công chức liên quan triển khai công tác tuyên "
        "truyền CCHC theo từng thời điểm; tham mưu báo cáo định kỳ",
        "lead": CULTURE,
        "coordinators": OFFICE + "; các công chức chuyên môn",
        "due_on": D(2022, 1, 15),
        "status": Task.Status.DONE,
        "completed_on": D(2022, 1, 10),
        "evidence": "Báo cáo số 08/BC-UBND ngày 05/7/2021 (6 tháng đầu năm); "
        "Báo cáo số 02/BC-UBND ngày 10/01/2022 (năm 2021)",
    },
    {
        "order": 3,
        "title": "Mỗi tháng ít nhất một tin bài CCHC trên trang thông tin điện tử và "
        "hệ thống loa truyền thanh",
        "lead": CULTURE,
        "coordinators": "Đài truyền thanh thị trấn",
        "due_on": D(2021, 12, 31),
    },
    {
        "order": 4,
        "title": "Niêm yết công khai các thủ tục hành chính thuộc thẩm quyền tại bộ "
        "phận Một cửa và trên trang thông tin điện tử",
        "lead": OFFICE,
        "coordinators": "Công chức Tư pháp – Hộ tịch; công chức Địa chính",
        "due_on": D(2021, 3, 31),
    },
    {
        "order": 5,
        "title": "Tổ chức hội nghị chuyên đề CCHC, lồng ghép tuyên truyền vào các hội "
        "nghị khác; treo áp phích; phát tờ rơi; tham gia cuộc thi do huyện tổ chức",
        "lead": CULTURE,
        "coordinators": OFFICE + "; các tổ dân phố",
        "due_on": D(2021, 12, 31),
    },
]

KPIS_2021 = [
    {
        "order": 1,
        "short_name": "Xây dựng kế hoạch tuyên truyền",
        "text": "Xây dựng kế hoạch tuyên truyền về cải cách hành chính.",
        "metric": "plan_issued",
        "params": {"by": "2021-01-31"},
        "target": 1,
        "period": Indicator.Period.ONCE,
        "target_source": COMMUNE,
        "target_note": "Kế hoạch giao xây dựng kế hoạch nhưng không nêu thời hạn; "
        "UBND đặt hạn 31/01/2021 để theo dõi.",
        "task": 1,
    },
    {
        "order": 2,
        "short_name": "Tin, bài CCHC trên trang thông tin điện tử và loa truyền thanh",
        "text": "Định kỳ hàng tháng có ít nhất một tin bài tuyên truyền các nội dung "
        "về CCHC trên trang thông tin điện tử và hệ thống loa truyền thanh của thị "
        "trấn.",
        "metric": "website_and_loudspeaker",
        "params": {"categories": CCHC_CATEGORIES},
        "target": 1,
        "unit": "tin, bài",
        "period": Indicator.Period.MONTH,
        "target_source": PLAN_SOURCE,
        "target_note": "“Định kỳ hàng tháng có ít nhất một tin bài … trên trang thông "
        "tin điện tử và hệ thống loa truyền thanh”.",
        "task": 3,
    },
    {
        "order": 3,
        "short_name": "Niêm yết công khai thủ tục hành chính",
        "text": "Niêm yết công khai, minh bạch các thủ tục hành chính, quy trình giải "
        "quyết thuộc thẩm quyền giải quyết của UBND thị trấn Thạch Hà tại bộ phận "
        "GDMC và Trang thông tin điện tử thị trấn Thạch Hà.",
        "metric": "procedures_posted",
        "params": {},
        "target": 100,
        "unit": "%",
        "period": Indicator.Period.YEAR,
        "target_source": PLAN_SOURCE,
        "target_note": "“Niêm yết công khai … các thủ tục hành chính … thuộc thẩm "
        "quyền giải quyết”: tất cả thủ tục.",
        "task": 4,
        "responsible": OFFICE,
    },
    {
        "order": 4,
        "short_name": "Nêu gương điển hình, phê phán việc làm sai",
        "text": "Thường xuyên nêu gương điển hình tiên tiến trong thực hiện cải cách "
        "hành chính; nêu gương cán bộ, công chức, viên chức tận tâm, tận tụy phục vụ "
        "nhân dân; phê phán tổ chức, cá nhân thực hiện không tốt, hình thức, đối phó, "
        "những biểu hiện tiêu cực trong giải quyết thủ tục hành chính trên trang "
        "thông tin điện tử của thị trấn Thạch Hà.",
        "metric": "bulletins",
        "params": {"categories": ["neu-guong", "phe-phan"]},
        "target": 1,
        "unit": "tin, bài",
        "period": Indicator.Period.QUARTER,
        "target_source": COMMUNE,
        "target_note": "Kế hoạch ghi “thường xuyên”, không nêu số lượng; UBND theo "
        "dõi ít nhất 1 tin, bài mỗi quý.",
    },
    {
        "order": 5,
        "short_name": "Áp phích tại trụ sở, tuyến đường chính, nhà văn hóa",
        "text": "Treo các áp phích tuyên truyền về các nội dung CCHC tại trụ sở UBND "
        "thị trấn và các tuyến đường chính, điểm tập trung dân cư như nhà văn hoá Tổ "
        "dân phố.",
        "metric": "activities",
        "params": {"kinds": ["poster", "banner"], "measure": "places"},
        "target": 5,
        "unit": "địa điểm",
        "period": Indicator.Period.YEAR,
        "target_source": COMMUNE,
        "target_note": "Kế hoạch nêu nơi treo, không nêu số lượng; UBND đặt 5 địa "
        "điểm (trụ sở, 2 tuyến đường chính, 2 nhà văn hóa).",
        "task": 5,
    },
    {
        "order": 6,
        "short_name": "Phát tờ rơi, tờ gấp về CCHC",
        "text": "Phát tờ rơi, tờ gấp liên quan đến nhiệm vụ CCHC phù hợp với mục "
        "tiêu, yêu cầu, nội dung tuyên truyền để phổ biến đến từng nhóm đối tượng.",
        "metric": "activities",
        "params": {"kinds": ["leaflet"], "measure": "quantity"},
        "target": 500,
        "unit": "tờ",
        "period": Indicator.Period.YEAR,
        "target_source": COMMUNE,
        "target_note": "Kế hoạch không nêu số lượng; UBND đặt 500 tờ trong năm.",
        "task": 5,
    },
    {
        "order": 7,
        "short_name": "Hội nghị, hội thảo chuyên đề về CCHC",
        "text": "Tổ chức ít nhất 02 cuộc/năm về hội nghị, hội thảo chuyên đề về cải "
        "cách hành chính.",
        "metric": "activities",
        "params": {"kinds": ["conference"], "measure": "count"},
        "target": 2,
        "unit": "cuộc",
        "period": Indicator.Period.YEAR,
        "target_source": PLAN_SOURCE,
        "target_note": "“Tổ chức ít nhất 02 cuộc/năm về hội nghị, hội thảo chuyên đề "
        "về cải cách hành chính”.",
        "task": 5,
    },
    {
        "order": 8,
        "short_name": "Lồng ghép tuyên truyền CCHC vào các hội nghị khác",
        "text": "Lồng ghép nội dung tuyên truyền vào một số cuộc hội nghị khác.",
        "metric": "activities",
        "params": {"kinds": ["cchc_slot"], "measure": "count"},
        "target": 2,
        "unit": "cuộc",
        "period": Indicator.Period.YEAR,
        "target_source": COMMUNE,
        "target_note": "Kế hoạch ghi “một số cuộc hội nghị khác”; UBND đặt ít nhất 2 "
        "cuộc trong năm.",
        "task": 5,
    },
    {
        "order": 9,
        "short_name": "Tham gia cuộc thi tìm hiểu CCHC",
        "text": "Tham gia các cuộc thi do huyện tổ chức về tìm hiểu công tác cải "
        "cách hành chính.",
        "metric": "activities",
        "params": {"kinds": ["contest"], "measure": "count"},
        "target": 1,
        "unit": "cuộc thi",
        "period": Indicator.Period.YEAR,
        "target_source": COMMUNE,
        "target_note": "Kế hoạch giao tham gia khi huyện tổ chức, không nêu số cuộc; "
        "UBND theo dõi ít nhất 1 cuộc thi.",
        "task": 5,
    },
    {
        "order": 10,
        "short_name": "Công chức Văn hóa chủ trì, phối hợp Văn phòng UBND",
        "text": "Giao công chức Văn hoá phối hợp với Văn phòng UBND: chủ trì, phối hợp "
        "với các công chức liên quan chủ động thực hiện công tác CCHC và tuyên "
        "truyền CCHC.",
        "metric": "tasks_led_by",
        "params": {"lead": "Văn hóa"},
        "target": 1,
        "unit": "nhiệm vụ",
        "period": Indicator.Period.ONCE,
        "target_source": PLAN_SOURCE,
        "target_note": "“Giao công chức Văn hoá phối hợp với Văn phòng UBND: chủ trì”.",
    },
]

HQ = "Trụ sở UBND thị trấn Thạch Hà"
ACTIVITIES_2021 = [
    {
        "kind": Activity.Kind.CONFERENCE,
        "held_on": D(2021, 3, 26),
        "title": "Hội nghị tuyên truyền cải cách hành chính và cơ chế một cửa năm 2021",
        "places": [f"Hội trường {HQ}"],
        "participants": 85,
        "evidence": [("document", "07/GM-UBND", "Giấy mời hội nghị")],
    },
    {
        "kind": Activity.Kind.CONFERENCE,
        "held_on": D(2021, 10, 15),
        "title": "Hội thảo chuyên đề: ứng dụng dịch vụ công trực tuyến trong giải "
        "quyết TTHC",
        "places": [f"Hội trường {HQ}"],
        "participants": 70,
        "evidence": [("document", "41/GM-UBND", "Giấy mời hội thảo")],
    },
    {
        "kind": Activity.Kind.DIALOGUE,
        "held_on": D(2021, 6, 18),
        "title": "Đối thoại giữa UBND thị trấn với người dân và doanh nghiệp về TTHC "
        "đất đai, hộ tịch",
        "places": ["Nhà văn hóa Tổ dân phố 4"],
        "participants": 60,
        "evidence": [("document", "12/BB-UBND", "Biên bản đối thoại")],
    },
    {
        "kind": Activity.Kind.POSTER,
        "held_on": D(2021, 2, 22),
        "title": "Treo áp phích tuyên truyền CCHC tại trụ sở UBND và tuyến đường chính",
        "places": [
            HQ,
            "Quốc lộ 1A đoạn qua thị trấn",
            "Đường trục chính trung tâm thị trấn",
        ],
        "quantity": 6,
        "evidence": [("link", "", "Ảnh áp phích (trang TTĐT thị trấn)")],
    },
    {
        "kind": Activity.Kind.POSTER,
        "held_on": D(2021, 5, 10),
        "title": "Treo áp phích CCHC tại nhà văn hóa các tổ dân phố",
        "places": ["Nhà văn hóa Tổ dân phố 1", "Nhà văn hóa Tổ dân phố 4", HQ],
        "quantity": 8,
    },
    {
        "kind": Activity.Kind.LEAFLET,
        "held_on": D(2021, 4, 12),
        "title": "Phát tờ gấp hướng dẫn thủ tục hộ tịch, chứng thực",
        "places": ["Bộ phận Một cửa", "Các tổ dân phố"],
        "quantity": 500,
    },
    {
        "kind": Activity.Kind.LEAFLET,
        "held_on": D(2021, 9, 6),
        "title": "Phát tờ rơi hướng dẫn nộp hồ sơ trực tuyến trên Cổng dịch vụ công",
        "places": ["Bộ phận Một cửa"],
        "quantity": 300,
    },
    {
        "kind": Activity.Kind.CONTEST,
        "held_on": D(2021, 11, 20),
        "title": "Tham gia cuộc thi tìm hiểu cải cách hành chính do huyện Thạch Hà "
        "tổ chức",
        "quantity": 42,
        "evidence": [("document", "58/KQ-HĐ", "Kết quả cuộc thi (huyện)")],
    },
    {
        "kind": Activity.Kind.CCHC_SLOT,
        "held_on": D(2021, 7, 30),
        "title": "Lồng ghép tuyên truyền CCHC tại hội nghị giao ban tổ dân phố",
        "places": [f"Hội trường {HQ}"],
        "participants": 40,
    },
    {
        "kind": Activity.Kind.CCHC_SLOT,
        "held_on": D(2021, 11, 26),
        "title": "Lồng ghép tuyên truyền dịch vụ công trực tuyến tại hội nghị tổng "
        "kết công tác dân số năm 2021",
        "places": [f"Hội trường {HQ}"],
        "participants": 55,
        "evidence": [("document", "63/GM-UBND", "Giấy mời hội nghị")],
    },
]

REPORTS_2021 = [
    {
        "kind": "half",
        "year": 2021,
        "number": 1,
        "document_number": "08/BC-UBND",
        "issued_on": D(2021, 7, 5),
        "addressees": "Ủy ban nhân dân huyện Thạch Hà\nPhòng Nội vụ huyện Thạch Hà",
        "overview": "Sáu tháng đầu năm 2021, công tác tuyên truyền cải cách hành "
        "chính được triển khai kịp thời sau khi ban hành Kế hoạch số 02/KH-UBND; "
        "các hình thức tuyên truyền trực quan, hội nghị, tờ gấp được thực hiện đúng "
        "kế hoạch.",
        "shortcomings": "Một số tháng chưa có tin, bài cải cách hành chính phát "
        "trên hệ thống loa truyền thanh; tháng 6 chưa đăng tin, bài trên trang "
        "thông tin điện tử.",
        "causes": "Công chức phụ trách kiêm nhiệm nhiều việc; hệ thống loa một số "
        "cụm bị hỏng, chậm sửa chữa.",
        "next_tasks": "Bảo đảm mỗi tháng có ít nhất một tin, bài trên trang thông "
        "tin điện tử và trên loa; tổ chức hội thảo chuyên đề về dịch vụ công trực "
        "tuyến trong quý IV.",
        "proposals": "Đề nghị UBND huyện hỗ trợ kinh phí sửa chữa các cụm loa.",
        "signing": "vice_chair",
        "signer_name": "(dữ liệu mẫu)",
        "recipients": "Thường trực Đảng ủy, HĐND thị trấn",
    },
    {
        "kind": "year",
        "year": 2021,
        "number": 1,
        "document_number": "02/BC-UBND",
        "issued_on": D(2022, 1, 10),
        "addressees": "Ủy ban nhân dân huyện Thạch Hà",
        "overview": "Năm 2021, UBND thị trấn tổ chức 02 hội nghị, hội thảo chuyên đề "
        "với 155 lượt người tham dự, lồng ghép tuyên truyền tại 02 hội nghị khác, "
        "treo áp phích tại 05 địa điểm, phát 800 tờ gấp, tờ rơi và tham gia cuộc thi "
        "tìm hiểu cải cách hành chính do huyện tổ chức.",
        "shortcomings": "Chỉ tiêu tin, bài hằng tháng trên trang thông tin điện tử "
        "và loa truyền thanh chưa đạt ở một số tháng.",
        "causes": "Chưa phân công người dự phòng khi công chức phụ trách vắng.",
        "next_tasks": "Năm 2022 phân công người dự phòng; lập lịch phát thanh tin, "
        "bài cải cách hành chính ngay đầu mỗi tháng.",
        "proposals": "Không.",
        "signing": "chair",
        "signer_name": "(dữ liệu mẫu)",
        "recipients": "Phòng Nội vụ huyện Thạch Hà\nThường trực Đảng ủy, HĐND thị trấn",
    },
]

# --- the current year's plan (copied from 2021, then brought up to date) ----------

VAN_PHONG = "Văn phòng HĐND và UBND xã"
DESK = "Trung tâm Phục vụ hành chính công xã"  # the one-stop desk since 01/07/2025
# (old, new) wording, applied to the copy's texts in this order.
WORDING = [
    ("Văn phòng UBND thị trấn", VAN_PHONG),
    ("Văn phòng UBND", VAN_PHONG),
    ("Đài truyền thanh thị trấn", "Đài truyền thanh xã"),
    ("Đài truyền thanh của thị trấn Thạch Hà", "Đài truyền thanh xã Thạch Hà"),
    ("bộ phận GDMC", DESK),
    ("bộ phận Một cửa", DESK),
    ("bộ phận tiếp nhận và trả kết quả", DESK),
    ("do huyện tổ chức", "do tỉnh tổ chức"),
    ("khi huyện tổ chức", "khi tỉnh tổ chức"),
    ("của tỉnh, huyện và thị trấn", "của tỉnh và xã"),
    ("giai đoạn 2011 – 2020", "giai đoạn 2021 – 2030"),
    ("thị trấn Thạch Hà", "xã Thạch Hà"),
    ("UBND thị trấn", "UBND xã"),
    ("thị trấn", "xã"),
]


def current_preamble(year):
    return (
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành "
        "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030; "
        "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ "
        "tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa "
        "và Cổng Dịch vụ công quốc gia; UBND xã Thạch Hà xây dựng kế hoạch thực hiện "
        f"công tác tuyên truyền cải cách hành chính năm {year} như sau:"
    )


def current_plan(year):
    """What the commune changed in the copy before issuing it: issued late in
    December of the year before, by UBND xã Thạch Hà, counted from the 15th."""
    return {
        "number": "135/KH-UBND",
        "issued_on": D(year - 1, 12, 26),
        "status": Plan.Status.IN_FORCE,
        "period_basis": Plan.PeriodBasis.CUTOFF,
        "preamble": current_preamble(year),
        "signer_name": "(dữ liệu mẫu)",
        "recipients": "UBND tỉnh Hà Tĩnh (b/c)\nSở Nội vụ tỉnh Hà Tĩnh\n"
        "Thường trực Đảng ủy, HĐND xã\nCác ban, ngành, đoàn thể xã",
    }


CURRENT_LEGAL_BASES = [
    {
        "number": "76/NQ-CP",
        "issued_on": D(2021, 7, 15),
        "issuer": "Chính phủ",
        "summary": "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai "
        "đoạn 2021 – 2030",
    },
    {
        "number": "118/2025/NĐ-CP",
        "issued_on": D(2025, 6, 9),
        "issuer": "Chính phủ",
        "summary": "Về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên "
        "thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia",
    },
]

XA_HQ = "Trụ sở UBND xã Thạch Hà"
# Activities of the current year, (month, day) in that year; those still to come
# on the day the demo is loaded are left out.
CURRENT_ACTIVITIES = [
    {
        "kind": Activity.Kind.POSTER,
        "on": (2, 10),
        "title": "Treo áp phích về dịch vụ công trực tuyến toàn trình tại trụ sở và "
        "các nhà văn hóa",
        "places": [XA_HQ, "Nhà văn hóa Tổ dân phố 4", "Nhà văn hóa thôn Bắc Sơn"],
        "quantity": 9,
    },
    {
        "kind": Activity.Kind.CONFERENCE,
        "on": (3, 20),
        "title": "Hội nghị triển khai công tác cải cách hành chính sau sắp xếp đơn "
        "vị hành chính",
        "places": [f"Hội trường {XA_HQ}"],
        "participants": 120,
        "evidence": [("document", "18/GM-UBND", "Giấy mời hội nghị")],
    },
    {
        "kind": Activity.Kind.LEAFLET,
        "on": (4, 15),
        "title": "Phát tờ gấp hướng dẫn đăng nhập VNeID để nộp hồ sơ trực tuyến",
        "places": [DESK],
        "quantity": 400,
    },
    {
        "kind": Activity.Kind.POSTER,
        "on": (6, 5),
        "title": "Căng áp phích tuyên truyền nộp hồ sơ trực tuyến trên hai tuyến "
        "đường chính của xã",
        "places": ["Tuyến Quốc lộ 1 qua xã", "Đường trục chính trung tâm xã"],
        "quantity": 4,
    },
    {
        "kind": Activity.Kind.CCHC_SLOT,
        "on": (7, 24),
        "title": "Lồng ghép tuyên truyền thủ tục hộ kinh doanh tại hội nghị giao ban "
        "các thôn, tổ dân phố",
        "places": [f"Hội trường {XA_HQ}"],
        "participants": 48,
    },
    {
        "kind": Activity.Kind.CONTEST,
        "on": (8, 25),
        "title": "Tham gia cuộc thi trực tuyến tìm hiểu cải cách hành chính do tỉnh "
        "tổ chức",
        "places": [XA_HQ],
        "quantity": 36,
    },
    {
        "kind": Activity.Kind.LEAFLET,
        "on": (9, 18),
        "title": "Phát tờ rơi hướng dẫn thanh toán phí, lệ phí trực tuyến",
        "places": [DESK],
        "quantity": 150,
    },
    {
        "kind": Activity.Kind.CONFERENCE,
        "on": (10, 16),
        "title": "Hội thảo chuyên đề: số hóa hồ sơ và dịch vụ công trực tuyến toàn "
        "trình",
        "places": [f"Hội trường {XA_HQ}"],
        "participants": 75,
        "evidence": [("document", "96/GM-UBND", "Giấy mời hội thảo")],
    },
    {
        "kind": Activity.Kind.CCHC_SLOT,
        "on": (11, 6),
        "title": "Lồng ghép tuyên truyền dịch vụ công trực tuyến tại hội nghị của "
        "Hội Phụ nữ xã",
        "places": [f"Hội trường {XA_HQ}"],
        "participants": 60,
    },
]

# News of the current plan's year, one CCHC item for each month (period) of the
# plan, placed by ``plans.demo`` relative to the day the demo is loaded: the items
# of months already over are published near the start of their month and aired two
# days later; the current month's item is still waiting for approval. Months 2, 5,
# 8 and 11 (one in each quarter) carry the nêu gương / phê phán items of KPI 4.
# ``{year}`` is the plan's year.
UNAIRED_MONTH = 7  # published on the website but not aired: the honest shortfall
ANNOUNCER = "Nguyễn Thị Lan"
CURRENT_AIRING = {"after_days": 2, "station": "Đài truyền thanh xã", "minutes": 4}
CURRENT_ITEMS = [
    {
        "slug": "ra-soat-cong-khai-tthc-{year}",
        "category": "tin-cchc",
        "title": "Rà soát, công khai đầy đủ thủ tục hành chính thuộc thẩm quyền của xã",
        "summary": "Trung tâm Phục vụ hành chính công xã rà soát danh mục thủ tục "
        "hành chính, niêm yết tại trụ sở và đăng trên Cổng thông tin điện tử xã.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Chuẩn bị cho năm {year}, Trung tâm Phục vụ "
            "hành chính công xã Thạch Hà rà soát toàn bộ danh mục thủ tục hành chính "
            "thuộc thẩm quyền giải quyết của xã theo các quyết định công bố của Chủ "
            "tịch UBND tỉnh Hà Tĩnh.",
            "Mỗi thủ tục được niêm yết tại Trung tâm và đăng trên Cổng thông tin điện "
            "tử xã đủ các bộ phận: trình tự, cách thức thực hiện, thành phần hồ sơ, "
            "thời hạn giải quyết, phí, lệ phí và mẫu đơn, tờ khai. Người dân thấy "
            "thông tin chưa đúng có thể phản ánh ngay với công chức tại Trung tâm.",
        ],
    },
    {
        "slug": "neu-guong-cong-chuc-ho-tich-{year}",
        "category": "neu-guong",
        "title": "Công chức tư pháp – hộ tịch tận tình hướng dẫn người cao tuổi",
        "summary": "Nhiều người cao tuổi được công chức hướng dẫn từng bước, làm "
        "xong thủ tục hộ tịch ngay trong buổi sáng.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Tại Trung tâm Phục vụ hành chính công xã "
            "Thạch Hà, công chức tư pháp – hộ tịch thường xuyên ngồi cùng người cao "
            "tuổi để khai tờ khai, chụp giấy tờ và nộp hồ sơ trực tuyến.",
            "Nhiều người dân đến làm thủ tục trích lục khai sinh, xác nhận tình trạng "
            "hôn nhân cho biết họ nhận kết quả ngay trong buổi sáng. UBND xã biểu "
            "dương tinh thần tận tụy phục vụ nhân dân và đề nghị các công chức khác "
            "học tập.",
        ],
    },
    {
        "slug": "vneid-muc-2-{year}",
        "category": "tin-cchc",
        "title": "Hướng dẫn dùng tài khoản định danh điện tử VNeID để nộp hồ sơ "
        "trực tuyến",
        "summary": "Tài khoản VNeID mức 2 dùng để đăng nhập Cổng Dịch vụ công quốc "
        "gia và nộp hồ sơ không phải đến trụ sở.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Người dân có tài khoản định danh điện tử "
            "VNeID mức 2 có thể đăng nhập Cổng Dịch vụ công quốc gia để nộp hồ sơ "
            "đăng ký khai sinh, đăng ký thường trú và nhiều thủ tục khác của xã.",
            "Người chưa kích hoạt tài khoản đến Công an xã hoặc Trung tâm Phục vụ "
            "hành chính công xã để được hướng dẫn; khi nộp hồ sơ, người dân chỉ cần "
            "mang theo điện thoại và căn cước.",
        ],
    },
    {
        "slug": "thanh-toan-le-phi-truc-tuyen-{year}",
        "category": "tin-cchc",
        "title": "Nộp phí, lệ phí thủ tục hành chính trực tuyến",
        "summary": "Người dân có thể trả phí, lệ phí ngay trên Cổng Dịch vụ công quốc "
        "gia bằng tài khoản ngân hàng hoặc ví điện tử.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Khi nộp hồ sơ trực tuyến, người dân trả phí, "
            "lệ phí ngay trên Cổng Dịch vụ công quốc gia bằng tài khoản ngân hàng hoặc "
            "ví điện tử, không phải đến Trung tâm Phục vụ hành chính công xã để nộp "
            "tiền mặt.",
            "Biên lai điện tử được gửi về tài khoản của người nộp. Trường hợp thanh "
            "toán không thành công, công chức Trung tâm kiểm tra và hướng dẫn lại "
            "trong ngày làm việc.",
        ],
    },
    {
        "slug": "phe-phan-hen-lai-nhieu-lan-{year}",
        "category": "phe-phan",
        "title": "Chấn chỉnh việc hẹn người dân bổ sung hồ sơ nhiều lần",
        "summary": "UBND xã yêu cầu công chức hướng dẫn một lần, đầy đủ, bằng văn "
        "bản khi hồ sơ chưa hợp lệ.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Qua phản ánh của người dân, UBND xã Thạch "
            "Hà phát hiện có trường hợp hồ sơ đất đai bị yêu cầu bổ sung nhiều lần, "
            "mỗi lần một loại giấy tờ, khiến người dân phải đi lại.",
            "UBND xã đã phê bình công chức liên quan và yêu cầu khi hồ sơ chưa hợp lệ "
            "phải hướng dẫn một lần, đầy đủ, bằng phiếu yêu cầu bổ sung hồ sơ; việc "
            "hẹn lại nhiều lần là biểu hiện gây phiền hà cần chấm dứt.",
        ],
    },
    {
        "slug": "tra-ket-qua-qua-buu-chinh-{year}",
        "category": "tin-cchc",
        "title": "Nhận kết quả thủ tục hành chính tại nhà qua dịch vụ bưu chính",
        "summary": "Người dân đăng ký nhận kết quả qua bưu điện khi nộp hồ sơ, "
        "không phải quay lại Trung tâm.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Khi nộp hồ sơ tại Trung tâm Phục vụ hành "
            "chính công xã Thạch Hà hoặc trực tuyến, người dân có thể đăng ký nhận "
            "kết quả tại nhà qua dịch vụ bưu chính công ích.",
            "Cước gửi do người dân trả theo giá của bưu điện. Cách làm này giúp người "
            "ở xa trụ sở, người đi làm ăn xa tiết kiệm thời gian đi lại.",
        ],
    },
    {
        "slug": "danh-gia-muc-do-hai-long-{year}",
        "category": "tin-cchc",
        "title": "Mời người dân đánh giá mức độ hài lòng khi làm thủ tục",
        "summary": "Sau mỗi lần nhận kết quả, người dân đánh giá việc giải quyết "
        "thủ tục trên Cổng Dịch vụ công quốc gia hoặc tại Trung tâm.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – UBND xã Thạch Hà mời người dân sau khi nhận "
            "kết quả đánh giá mức độ hài lòng về việc giải quyết thủ tục hành chính, "
            "trên Cổng Dịch vụ công quốc gia hoặc bằng thiết bị đặt tại Trung tâm "
            "Phục vụ hành chính công xã.",
            "Kết quả đánh giá được công khai hằng tháng và là căn cứ để xếp loại công "
            "chức cuối năm; ý kiến chưa hài lòng được lãnh đạo UBND xã xem xét, trả "
            "lời.",
        ],
    },
    {
        "slug": "neu-guong-thon-nop-truc-tuyen-{year}",
        "category": "neu-guong",
        "title": "Thôn Bắc Sơn dẫn đầu xã về nộp hồ sơ trực tuyến",
        "summary": "Tổ công nghệ số cộng đồng của thôn đến từng nhà hướng dẫn bà con "
        "nộp hồ sơ trên điện thoại.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Tổ công nghệ số cộng đồng thôn Bắc Sơn gồm "
            "đoàn viên thanh niên và cán bộ thôn đã đến từng gia đình hướng dẫn cài "
            "đặt VNeID và nộp hồ sơ trực tuyến.",
            "Nhờ cách làm này, phần lớn hồ sơ của người dân trong thôn được nộp trực "
            "tuyến. UBND xã biểu dương thôn Bắc Sơn và đề nghị các thôn, tổ dân phố "
            "khác học tập.",
        ],
    },
    {
        "slug": "tiep-nhan-khong-phu-thuoc-dia-gioi-{year}",
        "category": "tin-cchc",
        "title": "Nộp hồ sơ không phụ thuộc nơi cư trú trong tỉnh",
        "summary": "Nhiều thủ tục được tiếp nhận tại bất kỳ Trung tâm Phục vụ hành "
        "chính công cấp xã nào trong tỉnh Hà Tĩnh.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Người dân có thể nộp hồ sơ nhiều thủ tục "
            "hành chính tại Trung tâm Phục vụ hành chính công xã Thạch Hà dù cư trú ở "
            "xã, phường khác trong tỉnh Hà Tĩnh.",
            "Trung tâm tiếp nhận, số hóa hồ sơ và chuyển đến nơi có thẩm quyền giải "
            "quyết; kết quả được trả tại nơi người dân chọn khi nộp hồ sơ.",
        ],
    },
    {
        "slug": "so-hoa-ket-qua-{year}",
        "category": "tin-cchc",
        "title": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "summary": "Giấy tờ đã số hóa được dùng lại cho lần làm thủ tục sau, người "
        "dân không phải nộp lại bản giấy.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Trung tâm Phục vụ hành chính công xã Thạch "
            "Hà số hóa hồ sơ và kết quả giải quyết thủ tục hành chính ngay khi tiếp "
            "nhận và trả kết quả.",
            "Giấy tờ đã số hóa được lưu trong kho dữ liệu điện tử của người dân trên "
            "Cổng Dịch vụ công quốc gia; lần làm thủ tục sau, người dân chỉ cần chọn "
            "giấy tờ đã có, không phải nộp lại bản giấy.",
        ],
    },
    {
        "slug": "phe-phan-cham-tra-ket-qua-{year}",
        "category": "phe-phan",
        "title": "Phê bình việc trả kết quả chậm không có thư xin lỗi",
        "summary": "Hồ sơ giải quyết quá hạn phải có văn bản xin lỗi người dân và "
        "hẹn lại thời gian trả kết quả.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Kiểm tra việc giải quyết hồ sơ tại Trung tâm "
            "Phục vụ hành chính công xã, UBND xã Thạch Hà phát hiện một số hồ sơ trả "
            "kết quả chậm nhưng không có văn bản xin lỗi người dân.",
            "UBND xã phê bình các bộ phận để xảy ra chậm trễ và yêu cầu mỗi hồ sơ quá "
            "hạn phải có văn bản xin lỗi, nêu rõ lý do và hẹn lại ngày trả kết quả.",
        ],
    },
    {
        "slug": "ket-qua-cchc-nam-{year}",
        "category": "tin-cchc",
        "title": "Công tác cải cách hành chính năm {year}: người dân được phục vụ "
        "tốt hơn",
        "summary": "Thủ tục được công khai đầy đủ, hồ sơ trực tuyến tăng, phản ánh "
        "của người dân được trả lời kịp thời.",
        "paragraphs": [
            "<strong>Thạch Hà</strong> – Năm {year}, UBND xã Thạch Hà thực hiện kế "
            "hoạch tuyên truyền cải cách hành chính với các tin, bài trên Cổng thông "
            "tin điện tử và hệ thống loa truyền thanh, hội nghị chuyên đề, áp phích "
            "và tờ gấp.",
            "Năm tới, UBND xã tiếp tục đẩy mạnh dịch vụ công trực tuyến, số hóa hồ "
            "sơ và lấy sự hài lòng của người dân làm thước đo chất lượng phục vụ.",
        ],
    },
]

# A notice scheduled two days after the demo is loaded (not a CCHC item).
CURRENT_NOTICE = {
    "slug": "lich-tiep-cong-dan-{key}",
    "category": "thong-bao",
    "title": "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND xã",
    "summary": "Chủ tịch UBND xã tiếp công dân định kỳ vào thứ Năm của tuần thứ ba "
    "hằng tháng tại trụ sở UBND xã.",
    "paragraphs": [
        "<strong>Thạch Hà</strong> – UBND xã Thạch Hà thông báo lịch tiếp công dân "
        "định kỳ của Chủ tịch UBND xã như sau.",
        "Chủ tịch UBND xã tiếp công dân vào thứ Năm của tuần thứ ba hằng tháng, buổi "
        "sáng từ 7h30 đến 11h30, tại phòng tiếp công dân, trụ sở UBND xã. Ngoài ngày "
        "tiếp định kỳ, công chức được phân công tiếp công dân vào các ngày làm việc "
        "trong tuần.",
    ],
}
