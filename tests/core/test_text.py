import unicodedata

from thachha_portal.text import (
    fold,
    fold_words,
    nfc,
    search_query,
    search_text,
    slug_from,
    vni_to_plain,
)


def test_fold_removes_tones_and_maps_d_bar():
    assert fold("Đăng ký khai sinh") == "dang ky khai sinh"


def test_fold_treats_both_tone_placements_alike():
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("thuỷ") == fold("thủy")


def test_fold_accepts_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Giấy xác nhận tình trạng hôn nhân")
    assert fold(decomposed) == "giay xac nhan tinh trang hon nhan"


def test_fold_drops_punctuation_and_extra_spaces():
    assert fold("  Sổ   đỏ, (GCN)! ") == "so do gcn"


def test_fold_words_keeps_order_without_duplicates():
    assert fold_words("khai sinh Khai Sinh lại") == ["khai", "sinh", "lai"]


def test_nfc_composes():
    assert nfc(unicodedata.normalize("NFD", "Hà Tĩnh")) == "Hà Tĩnh"


def test_stored_text_keeps_no_control_character_that_xml_refuses():
    pasted = "Dán từ Word:\x0bdòng mới\x0ctrang mới\x00\x1f\tcột\r\n"
    assert nfc(pasted) == "Dán từ Word:\ndòng mới\ntrang mới\tcột\r\n"


def test_slug_keeps_every_vietnamese_letter_folded():
    assert slug_from("Người dân xã Thạch Hà nộp hồ sơ trực tuyến") == (
        "nguoi-dan-xa-thach-ha-nop-ho-so-truc-tuyen"
    )


def test_a_query_typed_in_full_width_is_searched_as_plain_letters():
    assert search_query("ｄａｎｇ ｋｙ ｋｈａｉ ｓｉｎｈ") == "dang ki khai sinh"
    assert search_query("ｋｅｔ\u3000ＨＯＮ") == "ket hon"  # ideographic space
    assert search_query("Đăng ký") == search_text("Đăng ký") == "dang ki"
    # Stored text is folded as written: its search columns do not change.
    assert search_text("Diện tích 100m²") == "dien tich 100m²"


def test_markup_is_read_as_text_and_text_between_angle_brackets_stays():
    from thachha_portal.text import markup_text

    body = "<p>Đoạn một &amp; hai.</p><p>Đoạn <strong>ba</strong>.</p>"
    assert markup_text(body) == "Đoạn một & hai. Đoạn ba."
    assert markup_text(body, lines=True) == "Đoạn một & hai.\nĐoạn ba."
    assert markup_text("UBND xã <tổ chức> hội nghị") == "UBND xã <tổ chức> hội nghị"


def test_vni_marks_typed_as_digits_are_read_as_the_plain_syllable():
    assert vni_to_plain("sinh2") == "sinh"
    assert vni_to_plain("ky1") == "ki"  # i/y made one, as search_text does
    assert vni_to_plain("d9a8ng") == "dang"


def test_numbers_codes_and_a_letter_with_a_digit_are_not_vni():
    for word in ("2021", "ct01", "a1", "m2", "1a", "khai", "sinh2021"):
        assert vni_to_plain(word) == word


def test_letter_marks_tell_de_from_de_but_forgive_what_is_left_out():
    from thachha_portal.text import marks_contradict

    assert marks_contradict("để", "đẻ")  # ê is not e
    assert not marks_contradict("đẻ", "đẻ")
    assert not marks_contradict("de", "đẻ")  # typed without marks
    assert not marks_contradict("đe", "đẻ")  # a mark left out
    assert not marks_contradict("hoà", "hòa")  # the tone on another vowel
    assert not marks_contradict("sỗ", "sổ")  # hỏi for ngã: a tone, not a letter
    assert not marks_contradict("kí", "ký")


def test_invisible_characters_go_but_an_emojis_joiners_stay():
    """Zero-width and direction characters are dropped from saved text; a
    zero-width joiner inside an emoji sequence is part of the emoji."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    firefighter = "\U0001f469\U0001f3fd\u200d\U0001f692"
    rainbow_flag = "\U0001f3f3\ufe0f\u200d\U0001f308"
    for emoji in (family, firefighter, rainbow_flag):
        assert nfc(f"Ngày hội gia đình {emoji}!") == f"Ngày hội gia đình {emoji}!"
    assert nfc("UBND\u200dxã \u202eThạch Hà\u200b") == "UBNDxã Thạch Hà"
    assert nfc("\u200d\U0001f468 \U0001f468\u200d") == "\U0001f468 \U0001f468"
