"""The vocabulary every install starts with (loaded by a data migration; staff
edit it in the admin afterwards): how people in the commune actually say what
the official procedure names say, and the matters that other offices handle.

Written from everyday speech at the one-stop desk, in Zalo groups and on the
phone — colloquial words, words older than the 2025 reform, regional words,
abbreviations — not from any list of test queries. Each entry maps what people
type to words that occur in official procedure names.
"""

EVERYDAY = "everyday"
OLD = "old"
ABBREVIATION = "abbreviation"
SPELLING = "spelling"

# Who the procedures of the field "Người có công" are for, as their names say.
MERIT = [
    "liệt sĩ",
    "thương binh",
    "bệnh binh",
    "cựu chiến binh",
    "thanh niên xung phong",
]

# (what people type, [official terms], kind)
SYNONYMS = [
    # --- Hộ tịch: khai sinh ---------------------------------------------------
    ("làm giấy khai sinh", ["đăng ký khai sinh"], EVERYDAY),
    ("làm khai sinh", ["đăng ký khai sinh"], EVERYDAY),
    (
        "giấy khai sinh",
        ["đăng ký khai sinh", "bản sao giấy khai sinh", "hộ tịch", "giấy tờ"],
        EVERYDAY,
    ),
    ("khai sinh cho con", ["đăng ký khai sinh"], EVERYDAY),
    ("khai sinh cho bé", ["đăng ký khai sinh"], EVERYDAY),
    ("con mới sinh", ["đăng ký khai sinh"], EVERYDAY),
    ("mới sinh con", ["đăng ký khai sinh"], EVERYDAY),
    ("mới đẻ", ["đăng ký khai sinh"], EVERYDAY),
    ("sinh con", ["đăng ký khai sinh"], EVERYDAY),
    ("đẻ con", ["đăng ký khai sinh"], EVERYDAY),
    ("đkks", ["đăng ký khai sinh"], ABBREVIATION),
    ("giấy chứng sinh", ["đăng ký khai sinh"], EVERYDAY),
    ("khai sanh", ["khai sinh"], SPELLING),
    ("giấy khai sanh", ["đăng ký khai sinh"], SPELLING),
    (
        "làm lại giấy khai sinh",
        ["đăng ký lại khai sinh", "bản sao giấy khai sinh"],
        EVERYDAY,
    ),
    (
        "mất giấy khai sinh",
        ["bản sao giấy khai sinh", "đăng ký lại khai sinh"],
        EVERYDAY,
    ),
    ("khai sinh lại", ["đăng ký lại khai sinh"], EVERYDAY),
    ("khai sinh muộn", ["đăng ký khai sinh"], EVERYDAY),
    ("khai sinh quá hạn", ["đăng ký khai sinh"], EVERYDAY),
    ("sao giấy khai sinh", ["bản sao giấy khai sinh"], EVERYDAY),
    ("xin bản sao giấy khai sinh", ["bản sao giấy khai sinh"], EVERYDAY),
    ("bản sao khai sinh", ["bản sao giấy khai sinh"], EVERYDAY),
    ("trích lục khai sinh", ["trích lục hộ tịch", "bản sao giấy khai sinh"], EVERYDAY),
    ("trích lục", ["trích lục hộ tịch"], EVERYDAY),
    ("trích lục kết hôn", ["trích lục hộ tịch"], EVERYDAY),
    ("trích lục khai tử", ["trích lục hộ tịch"], EVERYDAY),
    ("bản sao giấy kết hôn", ["trích lục hộ tịch"], EVERYDAY),
    ("bản sao giấy chứng tử", ["trích lục hộ tịch"], EVERYDAY),
    ("khai sinh cho con nuôi", ["nuôi con nuôi"], EVERYDAY),
    # --- Hộ tịch: kết hôn -----------------------------------------------------
    ("lấy vợ", ["kết hôn"], EVERYDAY),
    ("lấy chồng", ["kết hôn"], EVERYDAY),
    ("cưới", ["kết hôn"], EVERYDAY),
    ("cưới vợ", ["kết hôn"], EVERYDAY),
    ("cưới chồng", ["kết hôn"], EVERYDAY),
    ("cưới hỏi", ["kết hôn"], EVERYDAY),
    ("đám cưới", ["kết hôn"], EVERYDAY),
    ("đkkh", ["đăng ký kết hôn"], ABBREVIATION),
    ("làm giấy kết hôn", ["đăng ký kết hôn"], EVERYDAY),
    ("giấy kết hôn", ["đăng ký kết hôn"], EVERYDAY),
    ("giấy đăng ký kết hôn", ["đăng ký kết hôn"], EVERYDAY),
    ("giấy hôn thú", ["đăng ký kết hôn"], OLD),
    ("hôn thú", ["kết hôn"], OLD),
    ("đăng ký cưới", ["đăng ký kết hôn"], EVERYDAY),
    ("lấy chồng nước ngoài", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("lấy vợ nước ngoài", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("người nước ngoài", ["có yếu tố nước ngoài"], EVERYDAY),
    ("việt kiều", ["có yếu tố nước ngoài", "định cư ở nước ngoài"], EVERYDAY),
    ("mất giấy kết hôn", ["trích lục hộ tịch", "đăng ký lại kết hôn"], EVERYDAY),
    # Marriages abroad as they are spoken of (a country alone is no request:
    # "visa đi Hàn Quốc" is not a marriage).
    ("ngoại quốc", ["nước ngoài"], OLD),
    ("lấy chồng ngoại", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("lấy vợ ngoại", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("lấy chồng hàn quốc", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("lấy chồng hàn", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("lấy chồng đài loan", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("lấy chồng trung quốc", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    ("lấy chồng nhật", ["kết hôn có yếu tố nước ngoài"], EVERYDAY),
    # --- Hộ tịch: độc thân ----------------------------------------------------
    ("giấy độc thân", ["xác nhận tình trạng hôn nhân"], EVERYDAY),
    ("xác nhận độc thân", ["xác nhận tình trạng hôn nhân"], EVERYDAY),
    ("giấy xác nhận độc thân", ["xác nhận tình trạng hôn nhân"], EVERYDAY),
    ("chứng nhận độc thân", ["xác nhận tình trạng hôn nhân"], EVERYDAY),
    ("độc thân", ["tình trạng hôn nhân"], EVERYDAY),
    ("chưa kết hôn", ["tình trạng hôn nhân"], EVERYDAY),
    ("chưa có vợ", ["tình trạng hôn nhân"], EVERYDAY),
    ("chưa có chồng", ["tình trạng hôn nhân"], EVERYDAY),
    ("chưa vợ", ["tình trạng hôn nhân"], EVERYDAY),
    ("chưa chồng", ["tình trạng hôn nhân"], EVERYDAY),
    ("chưa lập gia đình", ["tình trạng hôn nhân"], EVERYDAY),
    (
        "xác nhận tình trạng hôn nhân để vay ngân hàng",
        ["xác nhận tình trạng hôn nhân"],
        EVERYDAY,
    ),
    # --- Hộ tịch: khai tử -----------------------------------------------------
    ("báo tử", ["đăng ký khai tử"], EVERYDAY),
    ("giấy báo tử", ["đăng ký khai tử"], EVERYDAY),
    ("làm giấy báo tử", ["đăng ký khai tử"], EVERYDAY),
    ("giấy chứng tử", ["đăng ký khai tử"], EVERYDAY),
    ("chứng tử", ["khai tử"], EVERYDAY),
    ("người mất", ["khai tử"], EVERYDAY),
    ("người chết", ["khai tử"], EVERYDAY),
    ("qua đời", ["khai tử"], EVERYDAY),
    ("bố mất", ["khai tử"], EVERYDAY),
    ("cha mất", ["khai tử"], EVERYDAY),
    ("mẹ mất", ["khai tử"], EVERYDAY),
    ("ông mất", ["khai tử"], EVERYDAY),
    ("bà mất", ["khai tử"], EVERYDAY),
    ("chồng mất", ["khai tử"], EVERYDAY),
    ("vợ mất", ["khai tử"], EVERYDAY),
    ("người nhà mất", ["khai tử"], EVERYDAY),
    ("vừa mất", ["khai tử"], EVERYDAY),
    ("đám ma", ["khai tử", "mai táng"], EVERYDAY),
    ("đkkt", ["đăng ký khai tử"], ABBREVIATION),
    ("mất giấy chứng tử", ["trích lục hộ tịch", "đăng ký lại khai tử"], EVERYDAY),
    # --- Hộ tịch: cha mẹ con, con nuôi, giám hộ, cải chính ---------------------
    ("nhận con", ["nhận cha mẹ con"], EVERYDAY),
    ("nhận bố", ["nhận cha mẹ con"], EVERYDAY),
    ("nhận cha", ["nhận cha mẹ con"], EVERYDAY),
    ("nhận mẹ", ["nhận cha mẹ con"], EVERYDAY),
    ("nhận con riêng", ["nhận cha mẹ con"], EVERYDAY),
    ("nhận con nuôi", ["nuôi con nuôi"], EVERYDAY),
    ("xin con nuôi", ["nuôi con nuôi"], EVERYDAY),
    ("nhận nuôi", ["nuôi con nuôi"], EVERYDAY),
    ("con nuôi", ["nuôi con nuôi"], EVERYDAY),
    ("người giám hộ", ["giám hộ"], EVERYDAY),
    ("trông nom cháu", ["giám hộ"], EVERYDAY),
    ("đổi tên", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    ("sửa tên", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    ("đổi họ", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    ("sửa ngày sinh", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    ("sai ngày sinh", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    ("sai tên", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    ("sửa giấy khai sinh", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    (
        "sửa sai giấy khai sinh",
        ["thay đổi cải chính bổ sung thông tin hộ tịch"],
        EVERYDAY,
    ),
    ("cải chính", ["thay đổi cải chính bổ sung thông tin hộ tịch"], EVERYDAY),
    ("đổi dân tộc", ["xác định lại dân tộc"], EVERYDAY),
    ("ghi chú kết hôn", ["ghi vào sổ hộ tịch việc kết hôn"], OLD),
    ("ghi chú ly hôn", ["ghi vào sổ hộ tịch việc ly hôn"], OLD),
    ("hộ tịch lưu động", ["lưu động"], EVERYDAY),
    # --- Chứng thực -----------------------------------------------------------
    ("công chứng", ["chứng thực bản sao", "chứng thực"], EVERYDAY),
    ("sao y", ["chứng thực bản sao"], EVERYDAY),
    ("sao y bản chính", ["chứng thực bản sao từ bản chính"], EVERYDAY),
    ("photo công chứng", ["chứng thực bản sao"], EVERYDAY),
    ("pho tô công chứng", ["chứng thực bản sao"], SPELLING),
    ("công chứng bản sao", ["chứng thực bản sao"], EVERYDAY),
    ("sao công chứng", ["chứng thực bản sao"], EVERYDAY),
    ("công chứng giấy tờ", ["chứng thực bản sao"], EVERYDAY),
    ("công chứng bằng", ["chứng thực bản sao"], EVERYDAY),
    # Papers people have certified: "giấy tờ, văn bản" in the official names.
    ("bằng tốt nghiệp", ["giấy tờ", "văn bản"], EVERYDAY),
    ("bằng đại học", ["giấy tờ", "văn bản"], EVERYDAY),
    ("bằng cấp", ["giấy tờ", "văn bản"], EVERYDAY),
    ("học bạ", ["giấy tờ", "văn bản"], EVERYDAY),
    ("chứng chỉ", ["giấy tờ", "văn bản"], EVERYDAY),
    ("giấy tờ tùy thân", ["giấy tờ"], EVERYDAY),
    ("công chứng học bạ", ["chứng thực bản sao"], EVERYDAY),
    ("công chứng căn cước", ["chứng thực bản sao"], EVERYDAY),
    ("sao y căn cước", ["chứng thực bản sao"], EVERYDAY),
    ("photo căn cước", ["chứng thực bản sao"], EVERYDAY),
    ("chứng thực căn cước", ["chứng thực bản sao"], EVERYDAY),
    ("công chứng sổ đỏ", ["chứng thực bản sao"], EVERYDAY),
    ("chứng thực giấy tờ", ["chứng thực bản sao"], EVERYDAY),
    ("bản sao y", ["chứng thực bản sao"], EVERYDAY),
    ("công chứng chữ ký", ["chứng thực chữ ký"], EVERYDAY),
    ("xác nhận chữ ký", ["chứng thực chữ ký"], EVERYDAY),
    ("ký xác nhận", ["chứng thực chữ ký"], EVERYDAY),
    ("lăn tay", ["điểm chỉ", "chứng thực chữ ký"], EVERYDAY),
    ("điểm chỉ", ["chứng thực chữ ký"], EVERYDAY),
    ("giấy ủy quyền", ["chứng thực chữ ký"], EVERYDAY),
    ("công chứng hợp đồng", ["chứng thực giao dịch", "chứng thực hợp đồng"], EVERYDAY),
    ("chứng thực hợp đồng", ["chứng thực giao dịch"], EVERYDAY),
    ("con ngoài giá thú", ["nhận cha mẹ con"], EVERYDAY),
    ("làm hợp đồng", ["chứng thực giao dịch", "chứng thực hợp đồng"], EVERYDAY),
    ("hợp đồng mua bán đất", ["chứng thực giao dịch liên quan đến tài sản"], EVERYDAY),
    ("mua bán đất", ["quyền sử dụng đất"], EVERYDAY),
    ("mua bán nhà", ["nhà ở"], EVERYDAY),
    ("chuyển nhượng đất", ["quyền sử dụng đất"], EVERYDAY),
    ("tặng cho đất", ["quyền sử dụng đất"], EVERYDAY),
    ("cho con đất", ["quyền sử dụng đất"], EVERYDAY),
    ("mua bán xe", ["động sản"], EVERYDAY),
    (
        "hợp đồng mua bán xe",
        ["chứng thực giao dịch liên quan đến tài sản là động sản"],
        EVERYDAY,
    ),
    ("di chúc", ["chứng thực di chúc"], EVERYDAY),
    ("làm di chúc", ["chứng thực di chúc"], EVERYDAY),
    ("viết di chúc", ["chứng thực di chúc"], EVERYDAY),
    ("công chứng di chúc", ["chứng thực di chúc"], EVERYDAY),
    ("chia thừa kế", ["phân chia di sản"], EVERYDAY),
    ("thừa kế", ["di sản"], EVERYDAY),
    ("khai nhận thừa kế", ["khai nhận di sản"], EVERYDAY),
    ("dịch thuật công chứng", ["chứng thực chữ ký người dịch"], EVERYDAY),
    ("công chứng bản dịch", ["chứng thực chữ ký người dịch"], EVERYDAY),
    ("bản dịch", ["người dịch"], EVERYDAY),
    # --- Đất đai --------------------------------------------------------------
    ("sổ đỏ", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("sổ hồng", ["giấy chứng nhận quyền sử dụng đất", "quyền sở hữu nhà ở"], EVERYDAY),
    ("bìa đỏ", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("bìa hồng", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("giấy đỏ", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("sổ đất", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("giấy tờ đất", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("giấy tờ nhà đất", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("bằng khoán", ["giấy chứng nhận quyền sử dụng đất"], OLD),
    ("làm sổ đỏ", ["cấp giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("cấp sổ đỏ", ["cấp giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("cấp bìa", ["cấp giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("mất sổ đỏ", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("cấp lại sổ đỏ", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("mất sổ hồng", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("cấp lại sổ hồng", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("làm lại sổ đỏ", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("làm lại sổ hồng", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("sổ đỏ bị mất", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("sổ hồng bị mất", ["cấp lại giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("sang tên", ["đăng ký biến động", "chuyển nhượng"], EVERYDAY),
    ("sang tên sổ đỏ", ["đăng ký biến động"], EVERYDAY),
    ("đứng tên sổ đỏ", ["giấy chứng nhận quyền sử dụng đất"], EVERYDAY),
    ("tách sổ", ["tách thửa"], EVERYDAY),
    ("chia đất", ["tách thửa"], EVERYDAY),
    ("gộp sổ", ["hợp thửa"], EVERYDAY),
    ("gộp thửa", ["hợp thửa"], EVERYDAY),
    ("lên thổ cư", ["chuyển mục đích sử dụng đất"], EVERYDAY),
    ("chuyển lên thổ cư", ["chuyển mục đích sử dụng đất"], EVERYDAY),
    ("chuyển đổi đất", ["chuyển mục đích sử dụng đất"], EVERYDAY),
    ("thổ cư", ["đất ở"], EVERYDAY),
    ("đất thổ cư", ["đất ở"], EVERYDAY),
    ("đất vườn", ["đất nông nghiệp"], EVERYDAY),
    ("đất ruộng", ["đất nông nghiệp", "đất trồng lúa"], EVERYDAY),
    ("lấn đất", ["tranh chấp đất đai"], EVERYDAY),
    ("lấn chiếm đất", ["tranh chấp đất đai"], EVERYDAY),
    ("tranh chấp đất", ["tranh chấp đất đai"], EVERYDAY),
    ("cãi nhau về đất", ["tranh chấp đất đai"], EVERYDAY),
    ("tranh chấp ranh giới", ["tranh chấp đất đai"], EVERYDAY),
    ("tranh chấp mốc giới", ["tranh chấp đất đai"], EVERYDAY),
    ("hàng xóm lấn đất", ["tranh chấp đất đai"], EVERYDAY),
    ("kiện đất", ["tranh chấp đất đai"], EVERYDAY),
    ("đo đất", ["đo đạc", "trích đo"], EVERYDAY),
    ("đền bù", ["bồi thường"], EVERYDAY),
    ("giải tỏa", ["thu hồi đất", "bồi thường"], EVERYDAY),
    ("diện tích đất ở", ["xác định lại diện tích đất ở"], EVERYDAY),
    # --- Xây dựng -------------------------------------------------------------
    ("xin phép xây nhà", ["giấy phép xây dựng"], EVERYDAY),
    ("xin phép xây dựng", ["giấy phép xây dựng"], EVERYDAY),
    ("giấy phép xây nhà", ["giấy phép xây dựng"], EVERYDAY),
    ("xây nhà", ["giấy phép xây dựng", "nhà ở riêng lẻ"], EVERYDAY),
    ("làm nhà", ["giấy phép xây dựng", "nhà ở riêng lẻ"], EVERYDAY),
    ("cất nhà", ["giấy phép xây dựng"], SPELLING),
    ("giấy phép xây cất", ["giấy phép xây dựng"], SPELLING),
    ("sửa nhà", ["giấy phép xây dựng", "sửa chữa cải tạo"], EVERYDAY),
    ("sửa chữa nhà", ["giấy phép xây dựng", "sửa chữa cải tạo"], EVERYDAY),
    ("nâng tầng", ["giấy phép xây dựng"], EVERYDAY),
    ("cơi nới", ["giấy phép xây dựng"], EVERYDAY),
    # --- Hộ kinh doanh ----------------------------------------------------------
    ("đăng ký kinh doanh", ["thành lập hộ kinh doanh", "hộ kinh doanh"], EVERYDAY),
    (
        "giấy phép kinh doanh",
        ["thành lập hộ kinh doanh", "đăng ký hộ kinh doanh"],
        EVERYDAY,
    ),
    ("xin giấy phép kinh doanh", ["thành lập hộ kinh doanh"], EVERYDAY),
    ("kinh doanh cá thể", ["hộ kinh doanh"], EVERYDAY),
    ("hộ cá thể", ["hộ kinh doanh"], EVERYDAY),
    ("mở quán", ["thành lập hộ kinh doanh"], EVERYDAY),
    ("mở tiệm", ["thành lập hộ kinh doanh"], EVERYDAY),
    ("mở cửa hàng", ["thành lập hộ kinh doanh"], EVERYDAY),
    ("mở shop", ["thành lập hộ kinh doanh"], EVERYDAY),
    ("tạp hóa", ["hộ kinh doanh"], EVERYDAY),
    ("quán ăn", ["hộ kinh doanh"], EVERYDAY),
    ("quán nước", ["hộ kinh doanh"], EVERYDAY),
    ("quán cà phê", ["hộ kinh doanh"], EVERYDAY),
    ("buôn bán", ["hộ kinh doanh"], EVERYDAY),
    ("bán hàng", ["hộ kinh doanh"], EVERYDAY),
    ("đóng cửa hàng", ["chấm dứt hoạt động hộ kinh doanh"], EVERYDAY),
    ("đóng cửa", ["chấm dứt hoạt động"], EVERYDAY),
    ("không kinh doanh nữa", ["chấm dứt hoạt động hộ kinh doanh"], EVERYDAY),
    (
        "nghỉ kinh doanh",
        ["chấm dứt hoạt động hộ kinh doanh", "tạm ngừng kinh doanh"],
        EVERYDAY,
    ),
    ("thôi kinh doanh", ["chấm dứt hoạt động hộ kinh doanh"], EVERYDAY),
    ("giải thể hộ kinh doanh", ["chấm dứt hoạt động hộ kinh doanh"], EVERYDAY),
    ("dẹp quán", ["chấm dứt hoạt động hộ kinh doanh"], EVERYDAY),
    ("tạm nghỉ kinh doanh", ["tạm ngừng kinh doanh"], EVERYDAY),
    ("tạm ngưng kinh doanh", ["tạm ngừng kinh doanh"], SPELLING),
    ("tạm dừng kinh doanh", ["tạm ngừng kinh doanh"], EVERYDAY),
    ("đổi địa chỉ kinh doanh", ["thay đổi nội dung đăng ký hộ kinh doanh"], EVERYDAY),
    ("đổi địa chỉ", ["thay đổi nội dung đăng ký"], EVERYDAY),
    ("thay đổi địa chỉ", ["thay đổi nội dung đăng ký"], EVERYDAY),
    ("chuyển địa điểm kinh doanh", ["thay đổi nội dung đăng ký"], EVERYDAY),
    ("đổi tên cửa hàng", ["thay đổi nội dung đăng ký hộ kinh doanh"], EVERYDAY),
    ("thêm ngành nghề", ["thay đổi nội dung đăng ký hộ kinh doanh"], EVERYDAY),
    (
        "đổi ngành nghề kinh doanh",
        ["thay đổi nội dung đăng ký hộ kinh doanh"],
        EVERYDAY,
    ),
    (
        "mất giấy phép kinh doanh",
        ["cấp lại giấy chứng nhận đăng ký hộ kinh doanh"],
        EVERYDAY,
    ),
    ("hkd", ["hộ kinh doanh"], ABBREVIATION),
    ("gpkd", ["hộ kinh doanh"], ABBREVIATION),
    # --- Bảo trợ xã hội, giảm nghèo ---------------------------------------------
    (
        "người già",
        ["người cao tuổi", "trợ cấp xã hội hằng tháng", "hưu trí xã hội"],
        EVERYDAY,
    ),
    ("người cao tuổi", ["trợ cấp xã hội hằng tháng", "hưu trí xã hội"], EVERYDAY),
    ("cụ già", ["người cao tuổi", "trợ cấp xã hội hằng tháng"], EVERYDAY),
    ("người lớn tuổi", ["người cao tuổi"], EVERYDAY),
    ("ông bà già", ["người cao tuổi", "trợ cấp xã hội hằng tháng"], EVERYDAY),
    ("tiền người già", ["trợ cấp xã hội hằng tháng", "hưu trí xã hội"], EVERYDAY),
    ("tiền già", ["trợ cấp xã hội hằng tháng", "hưu trí xã hội"], EVERYDAY),
    ("trợ cấp tuổi già", ["trợ cấp xã hội hằng tháng", "hưu trí xã hội"], EVERYDAY),
    ("lương hưu xã hội", ["hưu trí xã hội"], EVERYDAY),
    ("tiền trợ cấp", ["trợ cấp xã hội hằng tháng"], EVERYDAY),
    ("trợ cấp hàng tháng", ["trợ cấp xã hội hằng tháng"], SPELLING),
    ("trợ cấp xã hội", ["trợ cấp xã hội hằng tháng"], EVERYDAY),
    ("người neo đơn", ["trợ cấp xã hội hằng tháng"], EVERYDAY),
    ("tàn tật", ["khuyết tật"], OLD),
    ("người tàn tật", ["người khuyết tật"], OLD),
    ("tật nguyền", ["khuyết tật"], EVERYDAY),
    ("bị tật", ["khuyết tật"], EVERYDAY),
    ("giấy khuyết tật", ["giấy xác nhận khuyết tật"], EVERYDAY),
    ("sổ khuyết tật", ["giấy xác nhận khuyết tật"], EVERYDAY),
    (
        "xác nhận khuyết tật",
        ["giấy xác nhận khuyết tật", "mức độ khuyết tật"],
        EVERYDAY,
    ),
    ("trẻ mồ côi", ["trợ cấp xã hội hằng tháng", "chăm sóc nuôi dưỡng"], EVERYDAY),
    ("mồ côi", ["trợ cấp xã hội hằng tháng", "chăm sóc nuôi dưỡng"], EVERYDAY),
    ("tiền mai táng", ["mai táng phí", "chi phí mai táng"], EVERYDAY),
    ("tiền ma chay", ["mai táng phí", "chi phí mai táng"], EVERYDAY),
    # A funeral is first a death to register, then the allowance.
    ("ma chay", ["khai tử", "mai táng"], EVERYDAY),
    ("tiền tang lễ", ["mai táng phí", "chi phí mai táng"], EVERYDAY),
    ("hỗ trợ đám tang", ["chi phí mai táng", "mai táng phí"], EVERYDAY),
    ("đám tang", ["khai tử", "mai táng"], EVERYDAY),
    ("tang lễ", ["khai tử", "mai táng"], EVERYDAY),
    ("chôn cất", ["mai táng"], EVERYDAY),
    ("sổ hộ nghèo", ["hộ nghèo"], EVERYDAY),
    ("xin hộ nghèo", ["công nhận hộ nghèo"], EVERYDAY),
    ("giấy chứng nhận hộ nghèo", ["công nhận hộ nghèo"], EVERYDAY),
    ("giấy hộ nghèo", ["công nhận hộ nghèo"], EVERYDAY),
    ("cận nghèo", ["hộ cận nghèo"], EVERYDAY),
    ("ra khỏi hộ nghèo", ["thoát nghèo"], EVERYDAY),
    ("nhà tình thương", ["hỗ trợ nhà ở"], EVERYDAY),
    ("nhà đại đoàn kết", ["hỗ trợ nhà ở"], EVERYDAY),
    ("lũ lụt", ["trợ giúp xã hội khẩn cấp"], EVERYDAY),
    ("bão lụt", ["trợ giúp xã hội khẩn cấp"], EVERYDAY),
    ("thiên tai", ["trợ giúp xã hội khẩn cấp"], EVERYDAY),
    ("cứu trợ", ["trợ giúp xã hội khẩn cấp"], EVERYDAY),
    ("cháy nhà", ["trợ giúp xã hội khẩn cấp"], EVERYDAY),
    (
        "bảo hiểm y tế cho con",
        ["cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"],
        EVERYDAY,
    ),
    ("thẻ khám bệnh", ["thẻ bảo hiểm y tế"], EVERYDAY),
    ("bhyt", ["bảo hiểm y tế"], ABBREVIATION),
    # --- Người có công -------------------------------------------------------------
    ("hương khói liệt sĩ", ["thờ cúng liệt sĩ"], EVERYDAY),
    ("thờ liệt sĩ", ["thờ cúng liệt sĩ"], EVERYDAY),
    ("tiền thờ cúng", ["thờ cúng liệt sĩ"], EVERYDAY),
    ("gia đình liệt sĩ", ["thân nhân liệt sĩ", "liệt sĩ"], EVERYDAY),
    ("con liệt sĩ", ["thân nhân liệt sĩ", "liệt sĩ"], EVERYDAY),
    ("bố là liệt sĩ", ["thân nhân liệt sĩ", "liệt sĩ"], EVERYDAY),
    ("thương binh", ["người có công"], EVERYDAY),
    ("bệnh binh", ["người có công"], EVERYDAY),
    ("chất độc da cam", ["người có công", "chất độc hóa học"], EVERYDAY),
    ("gia đình chính sách", ["người có công"], EVERYDAY),
    ("có công cách mạng", ["người có công"], EVERYDAY),
    # The field's name, which its procedures' names do not say: they name the
    # people it is for.
    ("người có công", MERIT, EVERYDAY),
    ("người có công với cách mạng", MERIT, EVERYDAY),
    ("có công với cách mạng", MERIT, EVERYDAY),
    ("bộ đội xuất ngũ", ["cựu chiến binh"], EVERYDAY),
    ("ccb", ["cựu chiến binh"], ABBREVIATION),
    ("tnxp", ["thanh niên xung phong"], ABBREVIATION),
    ("tiền tuất", ["tử tuất"], EVERYDAY),
    ("trợ cấp tuất", ["tử tuất"], EVERYDAY),
    # --- Văn hóa, hòa giải, giáo dục ---------------------------------------------
    ("hội làng", ["lễ hội"], EVERYDAY),
    ("lễ hội làng", ["lễ hội"], EVERYDAY),
    ("vào đám", ["lễ hội"], EVERYDAY),
    ("rước kiệu", ["lễ hội"], EVERYDAY),
    ("làng văn hóa", ["gia đình văn hóa", "khu dân cư văn hóa"], EVERYDAY),
    ("mâu thuẫn hàng xóm", ["hòa giải"], EVERYDAY),
    ("hòa giải ở thôn", ["hòa giải viên", "tổ hòa giải"], EVERYDAY),
    ("vào lớp một", ["tuyển sinh"], EVERYDAY),
    ("vào lớp 1", ["tuyển sinh"], EVERYDAY),
    ("vào lớp 6", ["tuyển sinh trung học cơ sở"], EVERYDAY),
    ("xin học", ["tuyển sinh", "chuyển trường"], EVERYDAY),
    ("chuyển trường cho con", ["chuyển trường"], EVERYDAY),
    # --- Cư trú (Công an xã) ---------------------------------------------------------
    ("nhập hộ khẩu", ["đăng ký thường trú"], OLD),
    ("nhập khẩu", ["đăng ký thường trú"], OLD),
    ("chuyển hộ khẩu", ["đăng ký thường trú"], OLD),
    ("cắt hộ khẩu", ["xóa đăng ký thường trú"], OLD),
    ("cắt khẩu", ["xóa đăng ký thường trú"], OLD),
    ("tách hộ khẩu", ["tách hộ"], OLD),
    ("sổ hộ khẩu", ["thường trú"], OLD),
    ("hộ khẩu", ["thường trú"], OLD),
    ("kt3", ["tạm trú"], OLD),
    ("đăng ký ở trọ", ["đăng ký tạm trú"], EVERYDAY),
    ("ở trọ", ["tạm trú"], EVERYDAY),
    ("thuê trọ", ["tạm trú"], EVERYDAY),
    ("nhà trọ", ["tạm trú"], EVERYDAY),
    ("phòng trọ", ["tạm trú"], EVERYDAY),
    ("khai báo tạm trú", ["đăng ký tạm trú"], EVERYDAY),
    ("đi làm ăn xa", ["tạm vắng"], EVERYDAY),
    # --- Abbreviations and old names seen in search boxes ---------------------------
    ("đk", ["đăng ký"], ABBREVIATION),
    ("gcn", ["giấy chứng nhận"], ABBREVIATION),
    ("qsdđ", ["quyền sử dụng đất"], ABBREVIATION),
    ("gcnqsdđ", ["giấy chứng nhận quyền sử dụng đất"], ABBREVIATION),
    ("gpxd", ["giấy phép xây dựng"], ABBREVIATION),
    ("tthc", ["thủ tục hành chính"], ABBREVIATION),
    ("cchc", ["cải cách hành chính"], ABBREVIATION),
    ("dvc", ["dịch vụ công"], ABBREVIATION),
    ("dvctt", ["dịch vụ công trực tuyến"], ABBREVIATION),
    ("nộp online", ["trực tuyến"], EVERYDAY),
    ("nộp qua mạng", ["trực tuyến"], EVERYDAY),
    ("làm online", ["trực tuyến"], EVERYDAY),
    ("một cửa", ["trung tâm phục vụ hành chính công"], OLD),
    ("bộ phận một cửa", ["trung tâm phục vụ hành chính công"], OLD),
    ("thị trấn thạch hà", ["xã thạch hà"], OLD),
    ("pakn", ["phản ánh kiến nghị"], ABBREVIATION),
    ("góp ý", ["phản ánh kiến nghị"], EVERYDAY),
    ("khiếu nại", ["phản ánh kiến nghị"], EVERYDAY),
]

# Matters other offices handle: (title, [what people type], handled by, advice, url)
ELSEWHERE = [
    (
        "Giấy phép lái xe",
        [
            "giấy phép lái xe",
            "bằng lái",
            "bằng lái xe",
            "bằng lái xe máy",
            "gplx",
            "thi bằng lái",
            "học lái xe",
            "đổi bằng lái",
            "cấp lại bằng lái",
            "lái xe",
        ],
        "Phòng Cảnh sát giao thông, Công an tỉnh Hà Tĩnh",
        "Từ ngày 01/3/2025, việc sát hạch, cấp, đổi, cấp lại giấy phép lái xe do "
        "ngành Công an thực hiện; đổi, cấp lại có thể nộp trực tuyến trên Cổng "
        "Dịch vụ công quốc gia hoặc ứng dụng VNeID.",
        "https://dichvucong.gov.vn/",
    ),
    (
        "Hộ chiếu, xuất nhập cảnh",
        [
            "hộ chiếu",
            "làm hộ chiếu",
            "passport",
            "xuất cảnh",
            "xuất nhập cảnh",
            "visa",
            "thị thực",
            "đi nước ngoài",
        ],
        "Phòng Quản lý xuất nhập cảnh, Công an tỉnh Hà Tĩnh",
        "Hộ chiếu phổ thông có thể đề nghị cấp trực tuyến trên Cổng Dịch vụ công "
        "quốc gia hoặc Cổng Dịch vụ công Bộ Công an; UBND xã không cấp hộ chiếu.",
        "https://dichvucong.bocongan.gov.vn/",
    ),
    (
        "Đăng ký xe, biển số xe",
        [
            "đăng ký xe",
            "đăng ký xe máy",
            "đăng ký ô tô",
            "biển số xe",
            "biển số",
            "bấm biển",
            "cà vẹt",
            "giấy đăng ký xe",
            "sang tên xe",
            "rút hồ sơ gốc",
            "đăng kiểm",
        ],
        "Công an xã (xe mô tô, xe gắn máy); Phòng Cảnh sát giao thông, Công an tỉnh",
        "Đăng ký, sang tên, cấp biển số xe do Công an giải quyết, không do UBND xã; "
        "có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia. Đăng kiểm ô tô làm "
        "tại các trung tâm đăng kiểm.",
        "",
    ),
    (
        "Cư trú: thường trú, tạm trú, tạm vắng",
        [
            "thường trú",
            "tạm trú",
            "tạm vắng",
            "hộ khẩu",
            "sổ hộ khẩu",
            "nhập khẩu",
            "cắt khẩu",
            "tách hộ",
            "lưu trú",
            "kt3",
        ],
        "Công an xã Thạch Hà",
        "Đăng ký thường trú, tạm trú, khai báo tạm vắng, tách hộ do Công an xã giải "
        "quyết; nộp tại trụ sở Công an xã hoặc trực tuyến qua ứng dụng VNeID, Cổng "
        "Dịch vụ công quốc gia. Sổ hộ khẩu giấy không còn được dùng từ năm 2023.",
        "",
    ),
    (
        "Căn cước, định danh điện tử",
        [
            "căn cước",
            "căn cước công dân",
            "cccd",
            "cmnd",
            "chứng minh nhân dân",
            "chứng minh thư",
            "làm căn cước",
            "định danh điện tử",
            "vneid",
            "tài khoản định danh",
        ],
        "Công an xã Thạch Hà",
        "Cấp, đổi, cấp lại thẻ căn cước và tài khoản định danh điện tử do Công an "
        "giải quyết. UBND xã chứng thực bản sao thẻ căn cước (sao y) khi cần.",
        "",
    ),
    (
        "Phiếu lý lịch tư pháp",
        ["lý lịch tư pháp", "phiếu lý lịch", "lltp", "không tiền án"],
        "Cơ quan cấp Phiếu lý lịch tư pháp của tỉnh Hà Tĩnh",
        "Phiếu lý lịch tư pháp không do UBND xã cấp; có thể nộp yêu cầu trực tuyến "
        "trên ứng dụng VNeID hoặc Cổng Dịch vụ công quốc gia.",
        "",
    ),
    (
        "Ly hôn",
        ["ly hôn", "ly dị", "đơn ly hôn", "thuận tình ly hôn", "bỏ vợ", "bỏ chồng"],
        "Tòa án nhân dân khu vực nơi vợ hoặc chồng cư trú",
        "Ly hôn do Tòa án giải quyết. Ở xã, tổ hòa giải có thể giúp hai bên hòa "
        "giải nếu cả hai muốn.",
        "",
    ),
    (
        "Thuế",
        [
            "mã số thuế",
            "nộp thuế",
            "thuế thu nhập",
            "quyết toán thuế",
            "kê khai thuế",
            "hoàn thuế",
        ],
        "Cơ quan thuế quản lý địa bàn (Thuế cơ sở)",
        "Đăng ký, kê khai, nộp thuế làm tại cơ quan thuế hoặc trực tuyến qua ứng "
        "dụng eTax Mobile, trang thuedientu.gdt.gov.vn.",
        "https://thuedientu.gdt.gov.vn/",
    ),
    (
        "Bảo hiểm xã hội, lương hưu, thai sản",
        [
            "bảo hiểm xã hội",
            "bhxh",
            "rút bảo hiểm",
            "bảo hiểm một lần",
            "sổ bảo hiểm",
            "lương hưu",
            "thai sản",
            "bảo hiểm thất nghiệp",
            "trợ cấp thất nghiệp",
        ],
        "Bảo hiểm xã hội cơ sở nơi cư trú",
        "Các chế độ bảo hiểm xã hội (hưu, thai sản, một lần, thất nghiệp) do cơ "
        "quan Bảo hiểm xã hội giải quyết; tra cứu trên ứng dụng VssID.",
        "https://dichvucong.baohiemxahoi.gov.vn/",
    ),
    (
        "Thành lập công ty, doanh nghiệp",
        [
            "thành lập công ty",
            "mở công ty",
            "đăng ký doanh nghiệp",
            "thành lập doanh nghiệp",
            "giải thể công ty",
        ],
        "Phòng Đăng ký kinh doanh, Sở Tài chính tỉnh Hà Tĩnh",
        "Doanh nghiệp đăng ký tại Sở Tài chính (trực tuyến trên "
        "dangkykinhdoanh.gov.vn). UBND xã đăng ký hộ kinh doanh.",
        "https://dangkykinhdoanh.gov.vn/",
    ),
    (
        "Vi phạm giao thông, nộp phạt",
        ["nộp phạt", "phạt nguội", "vi phạm giao thông", "xe bị giữ", "bị giữ xe"],
        "Cảnh sát giao thông, Công an tỉnh Hà Tĩnh",
        "Tiền phạt vi phạm giao thông có thể nộp trực tuyến trên Cổng Dịch vụ công "
        "quốc gia.",
        "https://dichvucong.gov.vn/",
    ),
    (
        "Văn bằng, chứng chỉ",
        [
            "cấp lại bằng tốt nghiệp",
            "mất bằng tốt nghiệp",
            "bản sao bằng tốt nghiệp",
            "cấp bằng tốt nghiệp",
            "bảng điểm",
        ],
        "Trường đã cấp văn bằng, hoặc Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh",
        "Bản sao văn bằng từ sổ gốc do nơi cấp văn bằng cấp. UBND xã chứng thực "
        "bản sao từ bản chính khi bạn còn giữ bản chính.",
        "",
    ),
    (
        "Việc làm, xuất khẩu lao động",
        ["xuất khẩu lao động", "đi xuất khẩu", "tìm việc làm", "xin việc", "đi nhật"],
        "Trung tâm Dịch vụ việc làm tỉnh Hà Tĩnh",
        "Tư vấn việc làm, học nghề, đi làm việc ở nước ngoài theo hợp đồng do Trung "
        "tâm Dịch vụ việc làm của tỉnh hướng dẫn.",
        "",
    ),
    (
        "Cấp lại sổ đỏ, sổ hồng bị mất",
        [
            "mất sổ đỏ",
            "mất sổ hồng",
            "mất bìa đỏ",
            "mất bìa hồng",
            "sổ đỏ bị mất",
            "sổ hồng bị mất",
            "cấp lại sổ đỏ",
            "cấp lại sổ hồng",
            "làm lại sổ đỏ",
            "làm lại sổ hồng",
            "cấp lại giấy chứng nhận quyền sử dụng đất",
        ],
        "Chi nhánh Văn phòng đăng ký đất đai phụ trách địa bàn (Văn phòng đăng ký "
        "đất đai tỉnh Hà Tĩnh)",
        "Cấp lại Giấy chứng nhận quyền sử dụng đất (sổ đỏ, sổ hồng) bị mất do Văn "
        "phòng đăng ký đất đai giải quyết, không do UBND xã cấp. Hỏi Trung tâm "
        "Phục vụ hành chính công xã xem hồ sơ có được nhận tại xã để chuyển đi "
        "hay phải nộp tại Chi nhánh Văn phòng đăng ký đất đai.",
        "",
    ),
]


# The entries that are another name of a procedure (Synonym.other_name): what
# its page shows after "Còn gọi là". A name, not a search aid: how people name
# the procedure itself ("làm giấy khai sinh", "đăng ký cưới"), its former name
# ("nhập hộ khẩu", "ghi chú kết hôn"), the common misnomer for it ("photo công
# chứng"), or the paper it consists in issuing ("giấy độc thân": "cấp Giấy xác
# nhận tình trạng hôn nhân"). Not: papers people bring ("giấy chứng sinh",
# "giấy báo tử") or that a registration merely results in ("giấy khai sinh",
# "giấy kết hôn", "giấy chứng tử"), situations ("mới sinh con", "bố mất",
# "mất sổ đỏ"), cases of a procedure ("khai sinh muộn", "sửa ngày sinh"), the
# wider matter ("kiện đất", "tranh chấp đất"), things and people ("sổ đỏ",
# "thương binh"), benefits named by their money ("tiền già"), ambiguous words
# ("nghỉ kinh doanh", "nhập khẩu"), abbreviations and other spellings; nor an
# entry whose official term names several procedures ("giấy khuyết tật" → also
# the re-issue).
OTHER_NAMES = [
    # hộ tịch
    "làm giấy khai sinh",
    "làm khai sinh",
    "khai sinh lại",
    "sao giấy khai sinh",
    "xin bản sao giấy khai sinh",
    "bản sao khai sinh",
    "trích lục khai sinh",
    "trích lục kết hôn",
    "trích lục khai tử",
    "bản sao giấy kết hôn",
    "bản sao giấy chứng tử",
    "làm giấy kết hôn",
    "đăng ký cưới",
    "giấy độc thân",
    "xác nhận độc thân",
    "giấy xác nhận độc thân",
    "chứng nhận độc thân",
    "báo tử",
    "nhận con",
    "nhận con nuôi",
    "xin con nuôi",
    "đổi tên",
    "cải chính",
    "đổi dân tộc",
    "ghi chú kết hôn",
    "ghi chú ly hôn",
    # chứng thực
    "sao y",
    "sao y bản chính",
    "photo công chứng",
    "công chứng chữ ký",
    "xác nhận chữ ký",
    "công chứng hợp đồng",
    "chứng thực hợp đồng",
    "công chứng di chúc",
    "khai nhận thừa kế",
    "dịch thuật công chứng",
    "công chứng bản dịch",
    # đất đai, xây dựng
    "làm sổ đỏ",
    "cấp sổ đỏ",
    "sang tên sổ đỏ",
    "tách sổ",
    "gộp sổ",
    "gộp thửa",
    "lên thổ cư",
    "chuyển lên thổ cư",
    "xin phép xây nhà",
    "xin phép xây dựng",
    "giấy phép xây nhà",
    # hộ kinh doanh
    "đăng ký kinh doanh",
    "xin giấy phép kinh doanh",
    "giải thể hộ kinh doanh",
    "tạm nghỉ kinh doanh",
    "tạm dừng kinh doanh",
    # bảo trợ xã hội
    "lương hưu xã hội",
    "xác nhận khuyết tật",
    "xin hộ nghèo",
    # cư trú
    "nhập hộ khẩu",
    "chuyển hộ khẩu",
    "cắt hộ khẩu",
    "cắt khẩu",
    "tách hộ khẩu",
    "đăng ký ở trọ",
    "khai báo tạm trú",
]

# Entries whose official terms were bettered later: (what people type, the
# terms it was seeded with, the better terms). Put in a better order: losing
# the paper is not losing the register: a copy from the register (trích lục) is
# the usual answer; registering again only when the register is lost too.
# Narrowed: "cấp lại giấy chứng nhận" also names the household business's
# certificate, which a lost sổ đỏ is not. A funeral ("đám tang", "ma chay")
# is first a death to register (khai tử), then the burial allowance, as "đám
# ma" was seeded.
BETTERED = [
    (
        "mất giấy khai sinh",
        ["đăng ký lại khai sinh", "bản sao giấy khai sinh"],
        ["bản sao giấy khai sinh", "đăng ký lại khai sinh"],
    ),
    (
        "mất giấy kết hôn",
        ["đăng ký lại kết hôn", "trích lục hộ tịch"],
        ["trích lục hộ tịch", "đăng ký lại kết hôn"],
    ),
    (
        "mất giấy chứng tử",
        ["đăng ký lại khai tử", "trích lục hộ tịch"],
        ["trích lục hộ tịch", "đăng ký lại khai tử"],
    ),
    (
        "mất sổ đỏ",
        ["cấp lại giấy chứng nhận"],
        ["cấp lại giấy chứng nhận quyền sử dụng đất"],
    ),
    (
        "cấp lại sổ đỏ",
        ["cấp lại giấy chứng nhận"],
        ["cấp lại giấy chứng nhận quyền sử dụng đất"],
    ),
    ("đám tang", ["mai táng"], ["khai tử", "mai táng"]),
    ("ma chay", ["mai táng"], ["khai tử", "mai táng"]),
]


def add_missing(apps, only=None):
    """Add the entries and matters of this file that an install lacks (by what
    people type, and by title) — with ``only``, just those entries (what people
    type, or a matter's title) — and put BETTERED entries that staff left as
    seeded in their better terms. For data migrations (``apps``: their
    historical models); entries staff changed stay as they are."""
    from thachha_portal.text import search_text

    keys = None if only is None else {search_text(p) for p in only}

    Synonym = apps.get_model("thachha_portal", "Synonym")
    ElsewhereTopic = apps.get_model("thachha_portal", "ElsewhereTopic")
    have = set(Synonym.objects.values_list("phrase_key", flat=True))
    # Migrations before the field create entries without it (mark_other_names).
    names = {"other_name"} & {f.name for f in Synonym._meta.get_fields()}
    Synonym.objects.bulk_create(
        Synonym(
            phrase=phrase,
            official="\n".join(official),
            kind=kind,
            phrase_key=search_text(phrase),
            **dict.fromkeys(names, phrase in OTHER_NAMES),
        )
        for phrase, official, kind in SYNONYMS
        if search_text(phrase) not in have
        and (keys is None or search_text(phrase) in keys)
    )
    for phrase, seeded, better in BETTERED:
        Synonym.objects.filter(
            phrase_key=search_text(phrase), official="\n".join(seeded)
        ).update(official="\n".join(better))
    titles = set(ElsewhereTopic.objects.values_list("title", flat=True))
    ElsewhereTopic.objects.bulk_create(
        ElsewhereTopic(
            title=title,
            phrases="\n".join(phrases),
            authority=authority,
            advice=advice,
            url=url,
        )
        for title, phrases, authority, advice, url in ELSEWHERE
        if title not in titles and (keys is None or search_text(title) in keys)
    )


def mark_other_names(apps):
    """Mark the seeded entries of OTHER_NAMES as another name of their
    procedure, unless staff changed what they mean. For data migrations."""
    from thachha_portal.text import search_text

    Synonym = apps.get_model("thachha_portal", "Synonym")
    seeded = {search_text(p): "\n".join(o) for p, o, _kind in SYNONYMS}
    keys = [search_text(p) for p in OTHER_NAMES]
    marked = [
        s.pk
        for s in Synonym.objects.filter(phrase_key__in=keys)
        if s.official == seeded[s.phrase_key]
    ]
    return Synonym.objects.filter(pk__in=marked).update(other_name=True)
