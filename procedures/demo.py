"""Demo content: 16 real commune-level procedures in 8 fields, with their national
codes, names, times and fees (national defaults, from the design notes
PROCEDURE-FACTS.md / RESEARCH-DOMAIN.md §E). Three are complete in every part
(1.001193, 1.000894, 2.000815). What was not verified is said in each
procedure's source note.

Loaded through the same import as the open-data files, so the demo also checks the
format. Idempotent: codes that already exist are left alone (staff may have
edited them)."""

import datetime

from django.db.models import F
from django.utils import timezone

from . import importing, services
from .models import NATIONAL_PORTAL_DETAIL, Field, Procedure

FIELDS = [
    ("ho-tich", "Hộ tịch"),
    ("chung-thuc", "Chứng thực"),
    ("dat-dai", "Đất đai"),
    ("xay-dung", "Xây dựng"),
    (
        "thanh-lap-va-hoat-dong-cua-ho-kinh-doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
    ),
    ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
    ("nguoi-co-cong", "Người có công"),
    ("van-hoa", "Văn hóa"),
]

UBND = "Ủy ban nhân dân xã"
CITIZENS = "Công dân Việt Nam"
SOURCE = (
    "Tên, mã từ Cơ sở dữ liệu quốc gia về TTHC; thời hạn, phí là mức chung toàn "
    "quốc — quyết định công bố của UBND tỉnh Hà Tĩnh có thể rút ngắn thời hạn, "
    "HĐND tỉnh quy định một số lệ phí. "
)
UNVERIFIED = SOURCE + "Chưa kiểm chứng: {what}. Dữ liệu mẫu để chạy thử."
SAMEDAY = (
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không "
    "giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo."
)
GENERIC_STEPS = [
    "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã (Bộ phận Một "
    "cửa){online}.",
    "Công chức tiếp nhận kiểm tra hồ sơ: hồ sơ đầy đủ thì viết giấy tiếp nhận và hẹn "
    "trả kết quả; chưa đầy đủ thì hướng dẫn bổ sung bằng văn bản.",
    "Cơ quan có thẩm quyền giải quyết và trả kết quả theo giấy hẹn.",
]

LUAT_HO_TICH = {
    "number": "60/2014/QH13",
    "summary": "Luật Hộ tịch",
    "issued_on": "2014-11-20",
    "issuer": "Quốc hội",
}
ND_123 = {
    "number": "123/2015/NĐ-CP",
    "summary": "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
    "issued_on": "2015-11-15",
    "issuer": "Chính phủ",
}
TT_04 = {
    "number": "04/2020/TT-BTP",
    "summary": (
        "Quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số "
        "123/2015/NĐ-CP"
    ),
    "issued_on": "2020-05-28",
    "issuer": "Bộ Tư pháp",
}
TT_85 = {
    "number": "85/2019/TT-BTC",
    "summary": (
        "Hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân "
        "dân tỉnh, thành phố trực thuộc trung ương"
    ),
    "issued_on": "2019-11-29",
    "issuer": "Bộ Tài chính",
}
ND_23 = {
    "number": "23/2015/NĐ-CP",
    "summary": (
        "Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ "
        "ký và chứng thực hợp đồng, giao dịch"
    ),
    "issued_on": "2015-02-16",
    "issuer": "Chính phủ",
}
TT_226 = {
    "number": "226/2016/TT-BTC",
    "summary": "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực",
    "issued_on": "2016-11-11",
    "issuer": "Bộ Tài chính",
}


def channel(kind, time, fee, amount=None, description=""):
    return {
        "kind": kind,
        "processing_time": time,
        "fee": fee,
        "fee_amount": amount,
        "description": description,
    }


def doc(name, originals=1, copies=0, case="", form="", url="", note=""):
    return {
        "case": case,
        "name": name,
        "originals": originals,
        "copies": copies,
        "form_name": form,
        "form_url": url,
        "note": note,
    }


def procedure(code, name, field, **parts):
    record = {
        "code": code,
        "name": name,
        "field": field,
        "level": "commune",
        "implementing_agency": UBND,
        "competent_authority": "Ủy ban nhân dân xã Thạch Hà",
        "applicants": CITIZENS,
        "online_level": "none",
        "status": "active",
        "steps": [s.format(online="") for s in GENERIC_STEPS],
        "channels": [],
        "dossier": [],
        "legal_bases": [],
        "keywords": [],
        "source_note": SOURCE,
    }
    record.update(parts)
    return record


KHAI_SINH_FEE = (
    "Miễn lệ phí đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh); miễn "
    "lệ phí cho người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, "
    "người khuyết tật. Đăng ký khai sinh quá hạn: mức lệ phí do Hội đồng nhân dân "
    "tỉnh quy định."
)

RECORDS = [
    procedure(
        "1.001193",
        "Thủ tục đăng ký khai sinh",
        "Hộ tịch",
        procedure_type="TTHC được luật giao quy định chi tiết",
        filing_address="Trung tâm Phục vụ hành chính công xã Thạch Hà",
        applicants="Công dân Việt Nam; người đi đăng ký khai sinh là cha, mẹ, ông, "
        "bà hoặc người thân thích khác của trẻ.",
        result="Giấy khai sinh (bản chính); bản sao Giấy khai sinh theo yêu cầu.",
        conditions="Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn "
        "60 ngày kể từ ngày sinh; nếu cha, mẹ không thể đăng ký thì ông, bà hoặc người "
        "thân thích khác đăng ký.",
        online_level="full",
        decision_number="2150/QĐ-UBND",
        decision_date="2025-07-01",
        keywords=[
            "làm giấy khai sinh",
            "giấy khai sinh",
            "đăng ký khai sinh",
            "khai sinh cho con",
            "làm khai sinh",
        ],
        steps=[
            "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã (Bộ phận "
            "Một cửa) của UBND cấp xã có thẩm quyền, qua dịch vụ bưu chính hoặc trực "
            "tuyến trên Cổng Dịch vụ công quốc gia.",
            "Công chức tiếp nhận kiểm tra toàn bộ hồ sơ: hồ sơ đầy đủ thì viết giấy "
            "tiếp nhận, ghi rõ ngày, giờ trả kết quả; chưa đầy đủ thì hướng dẫn bổ "
            "sung bằng văn bản.",
            "Công chức tư pháp – hộ tịch báo cáo Chủ tịch UBND xã; khi được đồng ý thì "
            "cập nhật vào Cơ sở dữ liệu hộ tịch điện tử để lấy Số định danh cá nhân, "
            "ghi vào Sổ đăng ký khai sinh; người đi đăng ký kiểm tra nội dung và cùng "
            "ký vào Sổ.",
            "Chủ tịch UBND xã ký cấp 01 bản chính Giấy khai sinh; cấp bản sao theo yêu "
            "cầu.",
        ],
        channels=[
            channel("direct", SAMEDAY, KHAI_SINH_FEE, 0),
            channel(
                "online",
                SAMEDAY,
                KHAI_SINH_FEE,
                0,
                "Khai tờ khai điện tử tương tác trên Cổng Dịch vụ công quốc gia.",
            ),
            channel("post", SAMEDAY, KHAI_SINH_FEE, 0),
        ],
        dossier=[
            doc(
                "Tờ khai đăng ký khai sinh theo mẫu. Nộp trực tuyến thì dùng mẫu hộ "
                "tịch điện tử tương tác.",
                form="Tờ khai đăng ký khai sinh (mẫu ban hành kèm Thông tư "
                "04/2020/TT-BTP)",
                url=NATIONAL_PORTAL_DETAIL.format(code="1.001193"),
            ),
            doc("Bản chính Giấy chứng sinh.", case="Trường hợp có Giấy chứng sinh"),
            doc(
                "Văn bản của người làm chứng xác nhận về việc sinh; nếu không có người "
                "làm chứng thì giấy cam đoan về việc sinh.",
                case="Trường hợp không có Giấy chứng sinh",
            ),
            doc(
                "Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.",
                case="Trường hợp trẻ em bị bỏ rơi",
            ),
            doc(
                "Giấy tờ tùy thân của người đi đăng ký (xuất trình, không nộp).",
                originals=0,
                case="Giấy tờ phải xuất trình",
                note="Giấy tờ chứng minh nơi cư trú nếu không khai thác được từ Cơ sở "
                "dữ liệu quốc gia về dân cư.",
            ),
        ],
        legal_bases=[LUAT_HO_TICH, ND_123, TT_04, TT_85],
        posted_at_desk=True,
        source_note=SOURCE
        + "Số, ngày quyết định công bố của tỉnh là dữ liệu mẫu; chưa kiểm chứng: "
        "giấy tờ chứng minh nơi cư trú.",
    ),
    procedure(
        "1.000894",
        "Thủ tục đăng ký kết hôn",
        "Hộ tịch",
        procedure_type="TTHC được luật giao quy định chi tiết",
        filing_address="Trung tâm Phục vụ hành chính công xã Thạch Hà",
        applicants="Công dân Việt Nam (nam, nữ kết hôn với nhau).",
        result="Giấy chứng nhận kết hôn (mỗi bên 01 bản chính); trích lục theo yêu "
        "cầu.",
        conditions="Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam "
        "và nữ tự nguyện quyết định; không bị mất năng lực hành vi dân sự; không thuộc "
        "trường hợp cấm kết hôn (kết hôn giả tạo, tảo hôn, đang có vợ hoặc có chồng, "
        "giữa những người cùng dòng máu về trực hệ hoặc có họ trong phạm vi ba đời…). "
        "Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính.",
        online_level="partial",
        decision_number="2150/QĐ-UBND",
        decision_date="2025-07-01",
        keywords=["giấy kết hôn", "đăng ký kết hôn", "giấy đăng ký kết hôn", "cưới"],
        steps=[
            "Nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công xã; một bên có "
            "thể nộp hồ sơ mà không cần văn bản ủy quyền của bên kia.",
            "Công chức tư pháp – hộ tịch kiểm tra hồ sơ và điều kiện kết hôn; nếu đủ "
            "điều kiện thì báo cáo Chủ tịch UBND xã.",
            "Ghi việc kết hôn vào Sổ đăng ký kết hôn; hai bên nam, nữ cùng có mặt, "
            "kiểm tra nội dung và ký vào Sổ và Giấy chứng nhận kết hôn.",
            "Chủ tịch UBND xã trao Giấy chứng nhận kết hôn cho mỗi bên 01 bản chính; "
            "cấp trích lục theo yêu cầu.",
        ],
        channels=[
            channel(
                "direct",
                SAMEDAY + " Trường hợp cần xác minh điều kiện kết hôn thì không quá 05 "
                "ngày làm việc.",
                "Miễn lệ phí.",
                0,
            ),
            channel(
                "online",
                SAMEDAY + " Trường hợp cần xác minh điều kiện kết hôn thì không quá 05 "
                "ngày làm việc.",
                "Miễn lệ phí.",
                0,
                "Nộp tờ khai điện tử (mã dịch vụ 1.000894.01); hai bên vẫn phải có mặt "
                "để ký Sổ và nhận Giấy chứng nhận kết hôn.",
            ),
        ],
        dossier=[
            doc(
                "Tờ khai đăng ký kết hôn theo mẫu; hai bên nam, nữ có thể khai chung "
                "vào một Tờ khai.",
                form="2. TK đăng ký kết hôn.doc",
                url=NATIONAL_PORTAL_DETAIL.format(code="1.000894"),
            ),
            doc(
                "Bản chính Giấy xác nhận tình trạng hôn nhân, nếu một bên không thường "
                "trú tại xã nơi đăng ký kết hôn.",
            ),
            doc(
                "Giấy tờ tùy thân của hai bên (xuất trình, không nộp).",
                originals=0,
                case="Giấy tờ phải xuất trình",
            ),
        ],
        legal_bases=[
            {
                "number": "52/2014/QH13",
                "summary": "Luật Hôn nhân và gia đình",
                "issued_on": "2014-06-19",
                "issuer": "Quốc hội",
            },
            LUAT_HO_TICH,
            ND_123,
            TT_04,
        ],
        posted_at_desk=True,
        source_note=SOURCE + "Số, ngày quyết định công bố của tỉnh là dữ liệu mẫu.",
    ),
    procedure(
        "1.000656",
        "Thủ tục đăng ký khai tử",
        "Hộ tịch",
        online_level="full",
        keywords=[
            "báo tử",
            "làm giấy báo tử",
            "khai tử",
            "giấy chứng tử",
            "trích lục khai tử",
        ],
        result="Trích lục khai tử (bản chính).",
        channels=[
            channel(
                "direct",
                SAMEDAY + " Trường hợp cần xác minh thì không quá 03 ngày làm việc.",
                "Miễn lệ phí đăng ký khai tử đúng hạn (trong 15 ngày kể từ ngày chết).",
                0,
            )
        ],
        dossier=[
            doc("Tờ khai đăng ký khai tử theo mẫu.", form="Tờ khai đăng ký khai tử"),
            doc("Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử."),
        ],
        legal_bases=[LUAT_HO_TICH, ND_123],
        posted_at_desk=True,
        source_note=UNVERIFIED.format(what="thời hạn và miễn lệ phí"),
    ),
    procedure(
        "1.004884",
        "Thủ tục đăng ký lại khai sinh",
        "Hộ tịch",
        keywords=["mất giấy khai sinh", "làm lại giấy khai sinh"],
        result="Giấy khai sinh (bản chính).",
        channels=[
            channel(
                "direct",
                "05 ngày làm việc; trường hợp cần xác minh thì kéo dài thêm.",
                "Theo Nghị quyết của Hội đồng nhân dân tỉnh.",
            )
        ],
        dossier=[
            doc(
                "Tờ khai đăng ký lại khai sinh theo mẫu.",
                form="Tờ khai đăng ký lại khai sinh",
            ),
            doc(
                "Bản sao giấy tờ có thông tin về việc khai sinh trước đây (nếu có).",
                0,
                1,
            ),
        ],
        legal_bases=[LUAT_HO_TICH, ND_123],
        posted_at_desk=True,
        source_note=UNVERIFIED.format(what="thời hạn, phí, thành phần hồ sơ"),
    ),
    procedure(
        "1.004873",
        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "Hộ tịch",
        online_level="full",
        keywords=["giấy độc thân", "xác nhận độc thân", "xác nhận tình trạng hôn nhân"],
        result="Giấy xác nhận tình trạng hôn nhân.",
        channels=[
            channel(
                "direct",
                "03 ngày làm việc.",
                "Theo Nghị quyết của Hội đồng nhân dân tỉnh.",
            )
        ],
        dossier=[
            doc(
                "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu.",
                form="Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
            )
        ],
        legal_bases=[LUAT_HO_TICH, ND_123],
        posted_at_desk=True,
        source_note=UNVERIFIED.format(what="thời hạn và phí"),
    ),
    procedure(
        "2.000635",
        "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
        "Hộ tịch",
        online_level="full",
        keywords=[
            "trích lục khai sinh",
            "sao giấy khai sinh",
            "bản sao giấy khai sinh",
        ],
        result="Bản sao trích lục hộ tịch, bản sao Giấy khai sinh.",
        channels=[
            channel(
                "direct",
                SAMEDAY,
                "8.000 đồng/bản sao trích lục; miễn cho người thuộc gia đình có công "
                "với cách mạng, hộ nghèo, người khuyết tật.",
                8000,
            )
        ],
        dossier=[
            doc(
                "Tờ khai cấp bản sao trích lục hộ tịch theo mẫu.",
                form="Tờ khai cấp bản sao trích lục hộ tịch",
            )
        ],
        legal_bases=[LUAT_HO_TICH, ND_123],
        source_note=SOURCE,
    ),
    procedure(
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm "
        "quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, "
        "tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm "
        "quyền của nước ngoài cấp hoặc chứng nhận",
        "Chứng thực",
        procedure_type="TTHC không được luật giao cho địa phương quy định",
        filing_address="Trung tâm Phục vụ hành chính công xã Thạch Hà",
        applicants="Cá nhân, tổ chức có yêu cầu chứng thực bản sao.",
        result="Bản sao được chứng thực từ bản chính (có lời chứng “Chứng thực bản "
        "sao đúng với bản chính”).",
        conditions="Không chứng thực bản sao từ bản chính trong các trường hợp: bản "
        "chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ; bản chính bị hư "
        "hỏng, cũ nát, không xác định được nội dung; bản chính đóng dấu mật hoặc ghi "
        "rõ không được sao chụp; các trường hợp khác theo Điều 22 Nghị định "
        "23/2015/NĐ-CP.",
        online_level="partial",
        decision_number="2151/QĐ-UBND",
        decision_date="2025-07-01",
        keywords=[
            "sao y",
            "sao y bản chính",
            "công chứng",
            "công chứng bản sao",
            "photo công chứng",
            "chứng thực bản sao",
        ],
        steps=[
            "Người yêu cầu mang bản chính và bản sao cần chứng thực đến Trung tâm Phục "
            "vụ hành chính công xã (Bộ phận Một cửa).",
            "Công chức đối chiếu bản sao với bản chính, ghi lời chứng “Chứng thực bản "
            "sao đúng với bản chính”, ký, đóng dấu và ghi vào sổ chứng thực.",
            "Người yêu cầu nộp phí và nhận bản sao đã chứng thực ngay trong ngày.",
        ],
        channels=[
            channel(
                "direct",
                SAMEDAY + " Trường hợp yêu cầu chứng thực với số lượng lớn thì có thể "
                "kéo dài nhưng không quá 02 ngày làm việc.",
                "2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, nhưng "
                "mức thu tối đa không quá 200.000 đồng/bản. Trang là căn cứ để thu phí "
                "được tính theo trang của bản chính.",
                2000,
            ),
            channel(
                "online",
                "Trong ngày làm việc (chứng thực bản sao điện tử từ bản chính).",
                "2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối "
                "đa 200.000 đồng/bản.",
                2000,
                "Nộp trực tuyến để nhận bản sao điện tử; bản chính giấy vẫn phải xuất "
                "trình để đối chiếu.",
            ),
        ],
        dossier=[
            doc("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao."),
            doc(
                "Bản sao cần chứng thực; nếu người yêu cầu không mang bản sao thì cơ "
                "quan chứng thực chụp từ bản chính.",
                originals=0,
                copies=1,
            ),
        ],
        legal_bases=[
            ND_23,
            {
                "number": "01/2020/TT-BTP",
                "summary": (
                    "Quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định "
                    "số 23/2015/NĐ-CP"
                ),
                "issued_on": "2020-03-03",
                "issuer": "Bộ Tư pháp",
            },
            TT_226,
        ],
        posted_at_desk=True,
        source_note=SOURCE
        + "Số, ngày quyết định công bố của tỉnh là dữ liệu mẫu; chưa kiểm chứng: "
        "kênh trực tuyến (bản sao điện tử).",
    ),
    procedure(
        "2.000884",
        "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường "
        "hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, "
        "không thể điểm chỉ được)",
        "Chứng thực",
        applicants="Cá nhân có yêu cầu chứng thực chữ ký.",
        keywords=[
            "chứng thực chữ ký",
            "công chứng chữ ký",
            "điểm chỉ",
            "xác nhận chữ ký",
        ],
        result="Giấy tờ, văn bản được chứng thực chữ ký.",
        channels=[channel("direct", SAMEDAY, "10.000 đồng/trường hợp.", 10000)],
        dossier=[
            doc("Giấy tờ, văn bản mà mình sẽ ký."),
            doc("Giấy tờ tùy thân còn giá trị sử dụng (xuất trình).", 0, 0),
        ],
        legal_bases=[ND_23, TT_226],
        posted_at_desk=True,
        source_note=SOURCE + "Mức phí theo nguồn thứ cấp.",
    ),
    procedure(
        "2.001035",
        "Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, "
        "nhà ở",
        "Chứng thực",
        applicants="Cá nhân, tổ chức tham gia hợp đồng, giao dịch.",
        keywords=[
            "công chứng hợp đồng",
            "chứng thực hợp đồng",
            "hợp đồng mua bán đất",
            "tặng cho đất",
        ],
        result="Hợp đồng, giao dịch được chứng thực.",
        channels=[
            channel(
                "direct",
                "Không quá 02 ngày làm việc.",
                "50.000 đồng/hợp đồng, giao dịch.",
                50000,
            )
        ],
        dossier=[
            doc("Dự thảo hợp đồng, giao dịch."),
            doc("Bản sao giấy tờ tùy thân của người yêu cầu chứng thực.", 0, 1),
            doc(
                "Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở hoặc "
                "giấy tờ về quyền sở hữu tài sản.",
                0,
                1,
            ),
        ],
        legal_bases=[ND_23, TT_226],
        source_note=UNVERIFIED.format(what="thời hạn, phí, thành phần hồ sơ"),
    ),
    procedure(
        "1.012812",
        "Hòa giải tranh chấp đất đai",
        "Đất đai",
        applicants="Hộ gia đình, cá nhân, cộng đồng dân cư, tổ chức có tranh chấp đất "
        "đai.",
        keywords=["tranh chấp đất", "hòa giải đất đai", "tranh chấp ranh giới"],
        result="Biên bản hòa giải thành hoặc hòa giải không thành.",
        channels=[
            channel(
                "direct",
                "Không quá 30 ngày kể từ ngày nhận được đơn yêu cầu hòa giải.",
                "Không.",
                0,
            )
        ],
        dossier=[doc("Đơn yêu cầu hòa giải tranh chấp đất đai.")],
        legal_bases=[
            {
                "number": "31/2024/QH15",
                "summary": "Luật Đất đai",
                "issued_on": "2024-01-18",
                "issuer": "Quốc hội",
            }
        ],
        source_note=UNVERIFIED.format(what="thời hạn, thành phần hồ sơ"),
    ),
    procedure(
        "1.013978",
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng "
        "đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá "
        "nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài",
        "Đất đai",
        applicants="Hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư "
        "ở nước ngoài.",
        online_level="partial",
        keywords=[
            "sổ đỏ",
            "làm sổ đỏ",
            "cấp sổ đỏ",
            "sổ hồng",
            "giấy chứng nhận quyền sử dụng đất",
            "bìa đỏ",
        ],
        result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với "
        "đất.",
        channels=[
            channel(
                "direct",
                "Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
                "Lệ phí cấp Giấy chứng nhận và phí thẩm định hồ sơ theo Nghị quyết của "
                "Hội đồng nhân dân tỉnh.",
            )
        ],
        dossier=[
            doc(
                "Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu.",
                form="Mẫu số 04/ĐK",
            ),
            doc("Giấy tờ về quyền sử dụng đất (nếu có).", 0, 1),
        ],
        posted_at_desk=True,
        source_note=UNVERIFIED.format(
            what="thời hạn (NĐ 101/2024, có thể đã đổi theo NĐ 151/2025), phí, hồ sơ"
        ),
    ),
    procedure(
        "1.013225",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "Xây dựng",
        applicants="Hộ gia đình, cá nhân là chủ đầu tư xây dựng nhà ở riêng lẻ.",
        online_level="partial",
        keywords=[
            "giấy phép xây dựng",
            "GPXD",
            "xin phép xây nhà",
            "xây nhà",
            "xin giấy phép xây dựng",
        ],
        result="Giấy phép xây dựng.",
        channels=[
            channel(
                "direct",
                "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
                "Lệ phí cấp giấy phép xây dựng theo Nghị quyết của Hội đồng nhân dân "
                "tỉnh.",
            )
        ],
        dossier=[
            doc(
                "Đơn đề nghị cấp giấy phép xây dựng theo mẫu.",
                form="Đơn đề nghị cấp giấy phép xây dựng",
            ),
            doc("Bản sao giấy tờ về quyền sử dụng đất.", 0, 1),
            doc("Bản vẽ thiết kế xây dựng.", 0, 2),
        ],
        source_note=UNVERIFIED.format(what="tên chính thức của thủ tục, thời hạn, phí"),
    ),
    procedure(
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        implementing_agency="Cơ quan đăng ký kinh doanh cấp xã",
        applicants="Cá nhân, thành viên hộ gia đình là công dân Việt Nam.",
        online_level="full",
        online_url="https://hokinhdoanh.dkkd.gov.vn/",
        keywords=[
            "đăng ký kinh doanh",
            "giấy phép kinh doanh",
            "hộ kinh doanh cá thể",
            "mở cửa hàng",
        ],
        result="Giấy chứng nhận đăng ký hộ kinh doanh.",
        steps=[
            s.format(online=" hoặc trực tuyến tại hokinhdoanh.dkkd.gov.vn")
            for s in GENERIC_STEPS
        ],
        channels=[
            channel(
                "direct",
                "03 ngày làm việc.",
                "Theo Nghị quyết của Hội đồng nhân dân tỉnh.",
            ),
            channel(
                "online",
                "03 ngày làm việc.",
                "Theo Nghị quyết của Hội đồng nhân dân tỉnh.",
            ),
        ],
        dossier=[
            doc(
                "Giấy đề nghị đăng ký hộ kinh doanh.",
                form="Giấy đề nghị đăng ký hộ kinh doanh",
            ),
            doc("Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh.", 0, 1),
        ],
        legal_bases=[
            {
                "number": "168/2025/NĐ-CP",
                "summary": "Về đăng ký doanh nghiệp",
                "issued_on": "2025-06-30",
                "issuer": "Chính phủ",
            }
        ],
        posted_at_desk=True,
        source_note=UNVERIFIED.format(what="thời hạn, phí") + " Thẩm quyền chuyển "
        "từ cấp huyện về cấp xã từ 01/07/2025.",
    ),
    procedure(
        "1.001699",
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        "Bảo trợ xã hội",
        applicants="Người khuyết tật hoặc người đại diện hợp pháp.",
        keywords=[
            "giấy xác nhận khuyết tật",
            "người khuyết tật",
            "xác định khuyết tật",
        ],
        result="Giấy xác nhận khuyết tật.",
        channels=[
            channel(
                "direct",
                "Hội đồng xác định mức độ khuyết tật đánh giá trong 20 ngày làm việc; "
                "cấp Giấy xác nhận khuyết tật trong 05 ngày làm việc.",
                "Không.",
                0,
            )
        ],
        dossier=[
            doc(
                "Đơn đề nghị xác định, xác định lại mức độ khuyết tật theo mẫu.",
                form="Mẫu số 01",
            )
        ],
        source_note=UNVERIFIED.format(what="tên thủ tục, thời hạn, hồ sơ"),
    ),
    procedure(
        "1.010803",
        "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ",
        "Người có công",
        applicants="Người thờ cúng liệt sĩ.",
        keywords=["thờ cúng liệt sĩ", "trợ cấp liệt sĩ", "liệt sĩ"],
        result="Quyết định trợ cấp thờ cúng liệt sĩ.",
        channels=[
            channel(
                "direct",
                "Theo quyết định công bố của UBND tỉnh Hà Tĩnh.",
                "Không.",
                0,
            )
        ],
        dossier=[doc("Bản khai đề nghị giải quyết chế độ trợ cấp thờ cúng liệt sĩ.")],
        source_note=UNVERIFIED.format(what="thời hạn, hồ sơ"),
    ),
    procedure(
        "1.003622",
        "Thông báo tổ chức lễ hội cấp xã",
        "Văn hóa",
        applicants="Tổ chức, cá nhân tổ chức lễ hội.",
        keywords=["lễ hội", "tổ chức lễ hội", "thông báo lễ hội"],
        result="Văn bản tiếp nhận thông báo.",
        channels=[
            channel(
                "direct",
                "Theo quyết định công bố của UBND tỉnh Hà Tĩnh.",
                "Không.",
                0,
            )
        ],
        dossier=[doc("Văn bản thông báo tổ chức lễ hội.")],
        source_note=UNVERIFIED.format(what="thời hạn, hồ sơ"),
    ),
]

# Most viewed on the home page in a fresh demo.
VIEWS = {"1.001193": 420, "2.000815": 310, "1.013978": 260, "1.000894": 180}


def load(stdout=None):
    for order, (slug, name) in enumerate(FIELDS, start=1):
        Field.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    existing = set(Procedure.objects.values_list("code", flat=True))
    checked = timezone.localdate() - datetime.timedelta(days=7)
    records = []
    for record in RECORDS:
        if record["code"] in existing:
            continue
        if record.get("posted_at_desk"):
            record = {**record, "desk_checked_on": checked.isoformat()}
        records.append(record)
    report = services.procedures_import(rows=importing.records(records), history=False)
    if not report.ok:  # the demo data itself is wrong: say where
        raise ValueError("; ".join(f"{label}: {msg}" for label, msg in report.errors))
    for code, views in VIEWS.items():
        if code in report.created:
            Procedure.objects.filter(code=code).update(
                view_count=F("view_count") + views
            )
    if stdout:
        stdout.write(
            f"Thủ tục hành chính: {len(report.created)} tạo mới, "
            f"{len(existing & {r['code'] for r in RECORDS})} đã có"
        )
