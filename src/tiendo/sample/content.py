"""Static content of the illustrative sample plans of Nghệ An province.

Dữ liệu minh họa (illustrative data): no public copy of Kế hoạch số 762/KH-UBND (25/10/2023,
38 mô hình điểm) or Kế hoạch số 87/KH-UBND (06/02/2024, 75 nhiệm vụ năm 2024) exists, so the
items below are realistic reconstructions built from Quyết định 06/QĐ-TTg, its five utility
groups and the typical deliverables reported in the press; the yearly plans of 2025 and 2026 at
the end are invented the same way. Agency keys refer to the bodies as they existed when each plan
was issued (a 5-digit key is a commune of 2025); focal persons are invented names. Progress is
not defined here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class GroupSpec:
    """A numbered task group of a sample plan."""

    code: str  # Roman numeral "I", "II", ...
    name: str  # e.g. "Nhóm nhiệm vụ hoàn thiện thể chế, chính sách"


@dataclass(frozen=True)
class ItemSpec:
    """One task or pilot model of a sample plan (static definition, no progress)."""

    group: str  # the GroupSpec.code it belongs to
    code: str  # "1", "2", ... numbered within the plan in order (for models: "MH01".."MH38")
    title: str  # what must be done, as written in a plan annex (Vietnamese, full diacritics)
    lead: str  # agency key
    coord: tuple[str, ...]  # coordinating agency keys (0-4)
    product_type: str  # "Văn bản", "Hệ thống phần mềm", "Mô hình đưa vào vận hành", ...
    metric: str  # what is measured, e.g. "Tỷ lệ hồ sơ học bạ được số hóa"
    unit: str  # "%", "cơ sở", "hồ sơ", "văn bản", "tài khoản", "xã", "điểm", ...
    target: Decimal | None  # quantified target (non-negative); None only when unquantifiable
    baseline: Decimal | None  # optional
    deadline: dt.date | None  # None = recurring (thường xuyên)
    budget: str  # one of "own", "province", "central", "socialised", "none"
    focal_person: str  # e.g. "Đ/c Nguyễn Văn Hùng, Phó Giám đốc Sở Y tế"
    description: str = ""  # 1 sentence of requirements, optional


# Kế hoạch số 762/KH-UBND ngày 25/10/2023: 38 mô hình điểm theo 5 nhóm tiện ích của Đề án 06.
PLAN_762_GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        code="I",
        name=(
            "Nhóm tiện ích phục vụ giải quyết thủ tục hành "
            "chính và cung cấp dịch vụ công trực tuyến"
        ),
    ),
    GroupSpec(code="II", name="Nhóm tiện ích phục vụ phát triển kinh tế – xã hội"),
    GroupSpec(code="III", name="Nhóm tiện ích phục vụ phát triển công dân số"),
    GroupSpec(
        code="IV",
        name=(
            "Nhóm hoàn thiện hệ sinh thái phục vụ kết nối, "
            "khai thác, bổ sung làm giàu dữ liệu dân cư"
        ),
    ),
    GroupSpec(code="V", name="Nhóm tiện ích phục vụ chỉ đạo, điều hành của lãnh đạo các cấp"),
)

PLAN_762_MODELS: tuple[ItemSpec, ...] = (
    ItemSpec(
        group="I",
        code="MH01",
        title=(
            "Mô hình liên thông thủ tục hành chính đăng ký khai sinh – "
            "đăng ký thường trú – cấp thẻ bảo hiểm y tế cho trẻ em dưới "
            "6 tuổi trên Cổng Dịch vụ công quốc gia tại 100% UBND cấp xã"
        ),
        lead="STP",
        coord=("CAT", "BHXH", "VP", "STTTT"),
        product_type="Mô hình đưa vào vận hành",
        metric=(
            "Tỷ lệ hồ sơ liên thông khai sinh – thường trú "
            "– cấp thẻ BHYT được giải quyết trực tuyến"
        ),
        unit="%",
        target=Decimal("80"),
        baseline=Decimal("35"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Nguyễn Thị Hoài, Trưởng phòng Hành chính tư pháp, Sở Tư pháp",
        description=(
            "Công chức tư pháp – hộ tịch cấp xã tiếp nhận, xử lý hồ sơ liên thông "
            "trên Phần mềm dùng chung, không yêu cầu người dân nộp hồ sơ giấy."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH02",
        title=(
            "Mô hình liên thông thủ tục hành chính đăng ký khai tử – xóa đăng ký thường trú "
            "– hưởng chế độ tử tuất, hỗ trợ chi phí mai táng trên Cổng Dịch vụ công quốc gia"
        ),
        lead="STP",
        coord=("CAT", "SLDTBXH", "BHXH"),
        product_type="Mô hình đưa vào vận hành",
        metric=(
            "Tỷ lệ hồ sơ liên thông khai tử – xóa thường "
            "trú – mai táng phí được giải quyết trực tuyến"
        ),
        unit="%",
        target=Decimal("70"),
        baseline=Decimal("20"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Hoàng Văn Phúc, Phó Giám đốc Sở Tư pháp",
        description=(
            "Kết quả đăng ký khai tử được tự động chuyển để Công an cấp xã xóa "
            "đăng ký thường trú và cơ quan lao động, BHXH giải quyết chế độ."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH03",
        title=(
            "Mô hình cấp phiếu lý lịch tư pháp trên ứng dụng VNeID, "
            "trả kết quả bản điện tử và qua dịch vụ bưu chính công ích"
        ),
        lead="STP",
        coord=("CAT", "BUUDIEN"),
        product_type="Mô hình đưa vào vận hành",
        metric="Số hồ sơ đề nghị cấp phiếu lý lịch tư pháp được tiếp nhận qua ứng dụng VNeID",
        unit="hồ sơ",
        target=Decimal("3000"),
        baseline=None,
        deadline=dt.date(2024, 4, 30),
        budget="own",
        focal_person="Đ/c Nguyễn Thị Hoài, Trưởng phòng Hành chính tư pháp, Sở Tư pháp",
        description=(
            "Sở Tư pháp tra cứu, xác minh thông tin lý lịch tư pháp qua kết nối với "
            "Cơ sở dữ liệu quốc gia về dân cư, không yêu cầu nộp bản sao giấy tờ."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH04",
        title="Mô hình “Bộ phận Một cửa không giấy tờ” tại 25 phường, xã thuộc thành phố Vinh",
        lead="H412",
        coord=("VP", "STTTT", "SNV", "CAT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Số phường, xã triển khai tiếp nhận, trả kết quả thủ tục hành chính không dùng giấy",
        unit="xã",
        target=Decimal("25"),
        baseline=Decimal("6"),
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person="Đ/c Hoàng Thị Bích Ngọc, Phó Chủ tịch UBND thành phố Vinh",
        description=(
            "Hồ sơ giấy được số hóa ngay khi tiếp nhận, kết quả được trả bản "
            "điện tử có chữ ký số và lưu vào kho dữ liệu của tổ chức, cá nhân."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH05",
        title=(
            "Mô hình điểm tiếp nhận hồ sơ có hỗ trợ (hướng dẫn, nộp hộ "
            "hồ sơ trực tuyến) tại Bộ phận Một cửa cấp huyện và cấp xã"
        ),
        lead="VP",
        coord=("STTTT", "BUUDIEN", "SNV"),
        product_type="Mô hình đưa vào vận hành",
        metric="Số Bộ phận Một cửa cấp huyện, cấp xã bố trí điểm tiếp nhận hồ sơ có hỗ trợ",
        unit="điểm",
        target=Decimal("120"),
        baseline=Decimal("35"),
        deadline=dt.date(2023, 12, 31),
        budget="own",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
        description=(
            "Mỗi điểm bố trí máy tính, thiết bị đọc CCCD gắn chip và nhân viên bưu điện "
            "hoặc đoàn viên thanh niên hướng dẫn người dân tự nộp hồ sơ trực tuyến."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH06",
        title=(
            "Mô hình cấp đổi giấy phép lái xe trên Cổng Dịch vụ công "
            "quốc gia, sử dụng dữ liệu giấy khám sức khỏe điện tử"
        ),
        lead="SGTVT",
        coord=("SYT", "CAT", "BUUDIEN"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ hồ sơ cấp đổi giấy phép lái xe được nộp trực tuyến",
        unit="%",
        target=Decimal("70"),
        baseline=Decimal("41"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Vương Đình Toàn, Phó Giám đốc Sở Giao thông vận tải",
        description=(
            "Người dân không phải nộp bản giấy giấy khám sức khỏe; "
            "kết quả được trả qua dịch vụ bưu chính công ích."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH07",
        title=(
            "Mô hình đăng ký doanh nghiệp, đăng ký hộ kinh doanh "
            "trực tuyến bằng tài khoản định danh điện tử VNeID"
        ),
        lead="SKHDT",
        coord=("CAT", "CUCTHUE"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ hồ sơ đăng ký doanh nghiệp được nộp trực tuyến",
        unit="%",
        target=Decimal("95"),
        baseline=Decimal("88"),
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person="Đ/c Hồ Thị Hồng Nhung, Phó Giám đốc Sở Kế hoạch và Đầu tư",
        description=(
            "Thông tin người thành lập doanh nghiệp được xác "
            "thực tự động với Cơ sở dữ liệu quốc gia về dân cư."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH08",
        title=(
            "Mô hình thanh toán trực tuyến phí, lệ phí và nghĩa vụ tài chính khi giải "
            "quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh"
        ),
        lead="VP",
        coord=("NHNN", "KHOBAC", "STTTT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến",
        unit="%",
        target=Decimal("40"),
        baseline=Decimal("12"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Phạm Minh Châu, Phó Chánh Văn phòng UBND tỉnh",
        description=(
            "Sử dụng nền tảng thanh toán của Cổng Dịch vụ công "
            "quốc gia, đối soát với Kho bạc Nhà nước hằng ngày."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH09",
        title=(
            "Tích hợp đăng nhập một lần bằng tài khoản định danh điện tử "
            "VNeID trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh"
        ),
        lead="STTTT",
        coord=("CAT", "VNPT"),
        product_type="Hệ thống phần mềm",
        metric="Tỷ lệ dịch vụ công trực tuyến của tỉnh cho phép xác thực bằng tài khoản VNeID",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("0"),
        deadline=dt.date(2023, 12, 31),
        budget="province",
        focal_person=(
            "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công "
            "nghệ thông tin, Sở Thông tin và Truyền thông"
        ),
        description=(
            "Kết nối qua Nền tảng tích hợp, chia sẻ dữ liệu tỉnh với "
            "hệ thống định danh và xác thực điện tử của Bộ Công an."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH10",
        title=(
            "Mô hình số hóa 100% hồ sơ, kết quả giải quyết thủ tục hành "
            "chính còn hiệu lực tại Trung tâm Phục vụ hành chính công tỉnh"
        ),
        lead="VP",
        coord=("STTTT", "SNV"),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("64"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
        description=(
            "Kết quả số hóa được ký số, gắn mã kết quả và lưu vào "
            "kho quản lý dữ liệu điện tử của tổ chức, cá nhân."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH11",
        title=(
            "Mô hình số hóa hồ sơ địa chính, xây dựng cơ sở dữ "
            "liệu đất đai tại 33 xã, thị trấn huyện Đô Lương"
        ),
        lead="STNMT",
        coord=("H427", "STTTT"),
        product_type="Cơ sở dữ liệu",
        metric="Số xã, thị trấn hoàn thành cơ sở dữ liệu địa chính",
        unit="xã",
        target=Decimal("33"),
        baseline=Decimal("12"),
        deadline=dt.date(2024, 12, 31),
        budget="province",
        focal_person="Đ/c Trịnh Văn Sơn, Giám đốc Văn phòng Đăng ký đất đai tỉnh",
        description=(
            "Cơ sở dữ liệu địa chính được chuẩn hóa thông tin "
            "người sử dụng đất theo số định danh cá nhân."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH12",
        title=(
            "Mô hình tiếp nhận hồ sơ đăng ký biến động đất đai trực tuyến, liên "
            "thông xác định nghĩa vụ tài chính với cơ quan thuế tại thành phố Vinh"
        ),
        lead="STNMT",
        coord=("CUCTHUE", "H412", "VP"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ hồ sơ đăng ký biến động đất đai được tiếp nhận trực tuyến",
        unit="%",
        target=Decimal("30"),
        baseline=Decimal("3"),
        deadline=dt.date(2024, 9, 30),
        budget="own",
        focal_person="Đ/c Lê Đình Khoa, Phó Giám đốc Sở Tài nguyên và Môi trường",
        description=(
            "Văn phòng Đăng ký đất đai chuyển thông tin địa chính điện tử sang "
            "cơ quan thuế, người dân nộp tiền qua Cổng Dịch vụ công quốc gia."
        ),
    ),
    ItemSpec(
        group="I",
        code="MH13",
        title=(
            "Mô hình “Xã, phường không hồ sơ giấy” trong giải "
            "quyết thủ tục đăng ký cư trú tại thị xã Hoàng Mai"
        ),
        lead="H432",
        coord=("CAT",),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ hồ sơ đăng ký cư trú được nộp trực tuyến",
        unit="%",
        target=Decimal("90"),
        baseline=Decimal("67"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Phan Thị Ngân, Phó Chủ tịch UBND thị xã Hoàng Mai",
        description=(
            "Công an cấp xã phối hợp Đoàn Thanh niên hỗ trợ người dân nộp "
            "hồ sơ cư trú trên Cổng Dịch vụ công Bộ Công an và VNeID."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH14",
        title=(
            "Mô hình khám chữa bệnh bảo hiểm y tế bằng thẻ Căn cước công dân "
            "gắn chip và ứng dụng VNeID tại Bệnh viện Hữu nghị Đa khoa Nghệ An"
        ),
        lead="SYT",
        coord=("BHXH", "CAT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ lượt khám chữa bệnh BHYT sử dụng CCCD gắn chip hoặc VNeID",
        unit="%",
        target=Decimal("80"),
        baseline=Decimal("46"),
        deadline=dt.date(2023, 12, 31),
        budget="own",
        focal_person="Đ/c Nguyễn Văn Hùng, Phó Giám đốc Sở Y tế",
        description=(
            "Bệnh viện tra cứu thông tin thẻ BHYT qua CCCD gắn chip tại "
            "quầy tiếp đón, không yêu cầu xuất trình thẻ BHYT giấy."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH15",
        title=(
            "Trang bị thiết bị đọc mã QR, đầu đọc thẻ Căn cước công "
            "dân gắn chip tại các cơ sở khám chữa bệnh bảo hiểm y tế"
        ),
        lead="SYT",
        coord=("BHXH", "VNPT", "VIETTEL"),
        product_type="Thiết bị",
        metric="Số cơ sở khám chữa bệnh BHYT được trang bị thiết bị đọc CCCD gắn chip",
        unit="cơ sở",
        target=Decimal("460"),
        baseline=Decimal("214"),
        deadline=dt.date(2024, 3, 31),
        budget="socialised",
        focal_person="Đ/c Bùi Thị Lan Anh, Trưởng phòng Nghiệp vụ Y, Sở Y tế",
        description=(
            "Ưu tiên trạm y tế xã, trung tâm y tế huyện miền núi; thiết bị "
            "được doanh nghiệp viễn thông hỗ trợ theo hình thức xã hội hóa."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH16",
        title="Mô hình tạo lập, đồng bộ sổ sức khỏe điện tử của người dân lên ứng dụng VNeID",
        lead="SYT",
        coord=("CAT", "BHXH", "VNPT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Số người dân được tạo lập sổ sức khỏe điện tử",
        unit="người",
        target=Decimal("1700000"),
        baseline=Decimal("310000"),
        deadline=dt.date(2024, 12, 31),
        budget="own",
        focal_person="Đ/c Bùi Thị Lan Anh, Trưởng phòng Nghiệp vụ Y, Sở Y tế",
        description=(
            "Dữ liệu khám chữa bệnh được đồng bộ từ phần mềm quản "
            "lý bệnh viện (HIS) và Hệ thống hồ sơ sức khỏe điện tử."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH17",
        title=(
            "Mô hình cấp giấy chứng sinh, giấy báo tử điện tử liên thông lên Cổng tiếp "
            "nhận dữ liệu Hệ thống thông tin giám định BHYT tại Bệnh viện Sản Nhi Nghệ An"
        ),
        lead="SYT",
        coord=("BHXH", "STP"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ giấy chứng sinh được cấp dưới dạng điện tử",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Bùi Thị Lan Anh, Trưởng phòng Nghiệp vụ Y, Sở Y tế",
        description=(
            "Giấy chứng sinh điện tử là dữ liệu đầu vào của thủ tục "
            "liên thông đăng ký khai sinh – thường trú – cấp thẻ BHYT."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH18",
        title=(
            "Mô hình chi trả trợ cấp xã hội hằng tháng cho "
            "đối tượng bảo trợ xã hội không dùng tiền mặt"
        ),
        lead="SLDTBXH",
        coord=("NHNN", "BUUDIEN", "CAT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ đối tượng bảo trợ xã hội nhận trợ cấp qua tài khoản",
        unit="%",
        target=Decimal("80"),
        baseline=Decimal("32"),
        deadline=dt.date(2024, 6, 30),
        budget="province",
        focal_person=(
            "Đ/c Cao Xuân Đức, Trưởng phòng Bảo trợ xã hội, Sở Lao động – Thương binh và Xã hội"
        ),
        description=(
            "Mở tài khoản miễn phí cho đối tượng, đối chiếu số định danh cá "
            "nhân với Cơ sở dữ liệu quốc gia về dân cư trước khi chi trả."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH19",
        title=(
            "Mô hình chi trả lương hưu, trợ cấp bảo hiểm xã hội qua "
            "tài khoản ngân hàng cho người hưởng tại thành phố Vinh"
        ),
        lead="BHXH",
        coord=("NHNN", "BUUDIEN", "H412"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ người hưởng lương hưu, trợ cấp BHXH tại thành phố Vinh nhận qua tài khoản",
        unit="%",
        target=Decimal("60"),
        baseline=Decimal("38"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Đinh Thị Thủy, Phó Giám đốc Bảo hiểm xã hội tỉnh",
    ),
    ItemSpec(
        group="II",
        code="MH20",
        title=(
            "Mô hình thu học phí và các khoản thu trong trường học "
            "không dùng tiền mặt tại các trường trung học phổ thông"
        ),
        lead="SGDDT",
        coord=("NHNN", "VIETTEL", "VNPT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ trường trung học phổ thông thu học phí không dùng tiền mặt",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("71"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person="Đ/c Thái Văn Long, Phó Giám đốc Sở Giáo dục và Đào tạo",
        description=(
            "Nhà trường sử dụng mã học sinh gắn số định danh cá nhân "
            "để đối soát các khoản thu qua ngân hàng, ví điện tử."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH21",
        title=(
            "Mô hình thanh toán viện phí không dùng tiền mặt tại "
            "các bệnh viện công lập tuyến tỉnh và tuyến huyện"
        ),
        lead="SYT",
        coord=("NHNN",),
        product_type="Mô hình đưa vào vận hành",
        metric="Số bệnh viện công lập triển khai thanh toán viện phí không dùng tiền mặt",
        unit="bệnh viện",
        target=Decimal("35"),
        baseline=Decimal("14"),
        deadline=dt.date(2024, 3, 31),
        budget="socialised",
        focal_person="Đ/c Nguyễn Văn Hùng, Phó Giám đốc Sở Y tế",
    ),
    ItemSpec(
        group="II",
        code="MH22",
        title=(
            "Mô hình xác thực thông tin khách lưu trú bằng CCCD gắn chip và khai báo "
            "lưu trú qua ứng dụng ASM tại các cơ sở lưu trú du lịch thị xã Cửa Lò"
        ),
        lead="CAT",
        coord=("SDL",),
        product_type="Mô hình đưa vào vận hành",
        metric="Số cơ sở lưu trú triển khai xác thực khách bằng CCCD gắn chip",
        unit="cơ sở",
        target=Decimal("150"),
        baseline=Decimal("40"),
        deadline=dt.date(2024, 6, 30),
        budget="socialised",
        focal_person=(
            "Đ/c Lê Thị Minh Nguyệt, Phó Trưởng phòng Cảnh sát "
            "quản lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
        description=(
            "Cơ sở lưu trú đọc chip CCCD để khai báo lưu trú, không giữ giấy tờ tùy thân của khách."
        ),
    ),
    ItemSpec(
        group="II",
        code="MH23",
        title=(
            "Mô hình tiếp nhận hồ sơ đề nghị hưởng trợ cấp thất nghiệp bằng "
            "CCCD gắn chip, tài khoản VNeID tại Trung tâm Dịch vụ việc làm tỉnh"
        ),
        lead="SLDTBXH",
        coord=("BHXH", "CAT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ hồ sơ trợ cấp thất nghiệp được tiếp nhận bằng CCCD gắn chip hoặc VNeID",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("25"),
        deadline=dt.date(2024, 9, 30),
        budget="own",
        focal_person="Đ/c Võ Thị Hằng, Phó Giám đốc Sở Lao động – Thương binh và Xã hội",
    ),
    ItemSpec(
        group="III",
        code="MH24",
        title=(
            "Mô hình “Thôn, xóm công dân số” hướng dẫn người dân kích hoạt, "
            "sử dụng tài khoản định danh điện tử mức 2 tại huyện Quỳnh Lưu"
        ),
        lead="H421",
        coord=("CAT", "STTTT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Số xã có thôn, xóm đạt tiêu chí “Thôn, xóm công dân số”",
        unit="xã",
        target=Decimal("10"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person="Đ/c Hồ Văn Cường, Phó Chủ tịch UBND huyện Quỳnh Lưu",
        description=(
            "Mỗi xã chọn tối thiểu 01 thôn, xóm có trên 80% công "
            "dân từ 14 tuổi kích hoạt tài khoản VNeID mức 2."
        ),
    ),
    ItemSpec(
        group="III",
        code="MH25",
        title=(
            "Mô hình Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt, "
            "kích hoạt, sử dụng ứng dụng VNeID tại 100% xã, phường, thị trấn"
        ),
        lead="STTTT",
        coord=("CAT", "VNPT", "VIETTEL"),
        product_type="Mô hình đưa vào vận hành",
        metric="Số xã, phường, thị trấn có Tổ công nghệ số cộng đồng hoạt động",
        unit="xã",
        target=Decimal("412"),
        baseline=Decimal("356"),
        deadline=dt.date(2023, 12, 31),
        budget="none",
        focal_person="Đ/c Đặng Quốc Huy, Phó Giám đốc Sở Thông tin và Truyền thông",
    ),
    ItemSpec(
        group="III",
        code="MH26",
        title=(
            "Mô hình tích hợp thông tin thẻ bảo hiểm y tế, giấy phép lái "
            "xe, mã số thuế vào tài khoản định danh điện tử của công dân"
        ),
        lead="CAT",
        coord=("BHXH", "SGTVT", "CUCTHUE"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ tài khoản định danh điện tử mức 2 được tích hợp thông tin thẻ BHYT",
        unit="%",
        target=Decimal("90"),
        baseline=Decimal("62"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person=(
            "Đ/c Hồ Sỹ Quang, Trưởng phòng Cảnh sát quản "
            "lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="III",
        code="MH27",
        title=(
            "Kích hoạt tài khoản định danh điện tử mức 2 cho 100% cán bộ, công "
            "chức, viên chức, người lao động tại các cơ quan nhà nước của tỉnh"
        ),
        lead="SNV",
        coord=("CAT",),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ cán bộ, công chức, viên chức kích hoạt tài khoản định danh điện tử mức 2",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("87"),
        deadline=dt.date(2024, 1, 31),
        budget="none",
        focal_person="Đ/c Chu Văn Bình, Phó Giám đốc Sở Nội vụ",
        description=(
            "Thủ trưởng cơ quan, đơn vị chịu trách nhiệm rà soát, "
            "lập danh sách gửi Công an cấp huyện thu nhận hồ sơ."
        ),
    ),
    ItemSpec(
        group="III",
        code="MH28",
        title=(
            "Mô hình đăng ký dự thi tốt nghiệp trung học phổ thông và tuyển "
            "sinh đầu cấp trực tuyến bằng tài khoản định danh điện tử"
        ),
        lead="SGDDT",
        coord=("CAT", "STTTT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ thí sinh đăng ký dự thi tốt nghiệp THPT trực tuyến",
        unit="%",
        target=Decimal("100"),
        baseline=None,
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person="Đ/c Phạm Thị Thu Trang, Chánh Văn phòng Sở Giáo dục và Đào tạo",
    ),
    ItemSpec(
        group="III",
        code="MH29",
        title=(
            "Mô hình “Chợ 4.0” thanh toán không dùng tiền mặt "
            "bằng mã QR tại chợ trung tâm thị xã Thái Hòa"
        ),
        lead="H414",
        coord=("NHNN", "VIETTEL", "SCT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Tỷ lệ hộ kinh doanh tại chợ có mã QR thanh toán",
        unit="%",
        target=Decimal("80"),
        baseline=Decimal("15"),
        deadline=dt.date(2024, 3, 31),
        budget="socialised",
        focal_person="Đ/c Lê Văn Thuận, Phó Chủ tịch UBND thị xã Thái Hòa",
    ),
    ItemSpec(
        group="III",
        code="MH30",
        title=(
            "Mô hình “Bản công dân số” hướng dẫn đồng bào dân tộc thiểu "
            "số sử dụng ứng dụng VNeID và dịch vụ công trực tuyến"
        ),
        lead="BDT",
        coord=("CAT", "STTTT"),
        product_type="Mô hình đưa vào vận hành",
        metric="Số bản vùng đồng bào dân tộc thiểu số triển khai mô hình",
        unit="bản",
        target=Decimal("30"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 9, 30),
        budget="central",
        focal_person="Đ/c Lô Văn Khánh, Phó Trưởng Ban Dân tộc tỉnh",
        description=(
            "Ưu tiên các huyện Kỳ Sơn, Tương Dương, Quế Phong; lồng ghép nguồn vốn Chương trình "
            "mục tiêu quốc gia phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số."
        ),
    ),
    ItemSpec(
        group="IV",
        code="MH31",
        title="Kết nối, đồng bộ Cơ sở dữ liệu hộ tịch điện tử với Cơ sở dữ liệu quốc gia về dân cư",
        lead="STP",
        coord=("CAT", "STTTT"),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ dữ liệu hộ tịch đã số hóa được đồng bộ với Cơ sở dữ liệu quốc gia về dân cư",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("58"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Nguyễn Thị Hoài, Trưởng phòng Hành chính tư pháp, Sở Tư pháp",
    ),
    ItemSpec(
        group="IV",
        code="MH32",
        title=(
            "Làm sạch dữ liệu người có công, đối tượng bảo trợ xã "
            "hội, đối chiếu với Cơ sở dữ liệu quốc gia về dân cư"
        ),
        lead="SLDTBXH",
        coord=("CAT",),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ hồ sơ đối tượng được xác thực với Cơ sở dữ liệu quốc gia về dân cư",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("74"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person=(
            "Đ/c Cao Xuân Đức, Trưởng phòng Bảo trợ xã hội, Sở Lao động – Thương binh và Xã hội"
        ),
    ),
    ItemSpec(
        group="IV",
        code="MH33",
        title=(
            "Mô hình số hóa hồ sơ học bạ, sổ gốc cấp văn bằng "
            "tốt nghiệp tại các trường trung học phổ thông"
        ),
        lead="SGDDT",
        coord=("STTTT", "VNPT"),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ hồ sơ học bạ trung học phổ thông được số hóa",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("20"),
        deadline=dt.date(2024, 12, 31),
        budget="province",
        focal_person="Đ/c Phạm Thị Thu Trang, Chánh Văn phòng Sở Giáo dục và Đào tạo",
        description=(
            "Học bạ số được ký số và liên kết với mã định danh "
            "học sinh trong Cơ sở dữ liệu ngành giáo dục."
        ),
    ),
    ItemSpec(
        group="IV",
        code="MH34",
        title=(
            "Kết nối Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP) với Cơ sở dữ liệu quốc "
            "gia về dân cư để các hệ thống thông tin của tỉnh khai thác dữ liệu công dân"
        ),
        lead="STTTT",
        coord=("CAT", "VNPT"),
        product_type="Hệ thống phần mềm",
        metric="Số hệ thống thông tin của tỉnh khai thác Cơ sở dữ liệu quốc gia về dân cư qua LGSP",
        unit="hệ thống",
        target=Decimal("6"),
        baseline=Decimal("1"),
        deadline=dt.date(2024, 2, 29),
        budget="province",
        focal_person=(
            "Đ/c Nguyễn Hữu Thành, Giám đốc Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
        ),
    ),
    ItemSpec(
        group="IV",
        code="MH35",
        title=(
            "Chuẩn hóa thông tin thuê bao di động, đối chiếu với "
            "Cơ sở dữ liệu quốc gia về dân cư trên địa bàn tỉnh"
        ),
        lead="STTTT",
        coord=("VNPT", "VIETTEL", "CAT"),
        product_type="Báo cáo",
        metric="Tỷ lệ thuê bao di động được đối chiếu, chuẩn hóa thông tin chủ thuê bao",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("91"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person=(
            "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công "
            "nghệ thông tin, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="V",
        code="MH36",
        title=(
            "Đưa Trung tâm điều hành thông minh (IOC) tỉnh vào "
            "vận hành, tích hợp bảng số liệu theo dõi Đề án 06"
        ),
        lead="STTTT",
        coord=("CAT", "VP", "VNPT"),
        product_type="Hệ thống phần mềm",
        metric="Số lĩnh vực dữ liệu được tích hợp, hiển thị trên IOC",
        unit="lĩnh vực",
        target=Decimal("10"),
        baseline=Decimal("2"),
        deadline=dt.date(2024, 6, 30),
        budget="province",
        focal_person=(
            "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công "
            "nghệ thông tin, Sở Thông tin và Truyền thông"
        ),
        description=(
            "IOC hiển thị trực tuyến chỉ tiêu dịch vụ công, khám chữa bệnh "
            "BHYT bằng CCCD, chi trả không dùng tiền mặt, camera an ninh."
        ),
    ),
    ItemSpec(
        group="V",
        code="MH37",
        title=(
            "Mô hình kết nối hệ thống camera giám sát an ninh trật tự, trật tự an toàn "
            "giao thông về Trung tâm chỉ huy Công an tỉnh và IOC tại thành phố Vinh"
        ),
        lead="CAT",
        coord=("H412", "STTTT", "VIETTEL"),
        product_type="Thiết bị",
        metric="Số camera giám sát được kết nối",
        unit="camera",
        target=Decimal("300"),
        baseline=Decimal("86"),
        deadline=dt.date(2024, 12, 31),
        budget="socialised",
        focal_person="Đ/c Đoàn Văn Khải, Trưởng phòng Cảnh sát giao thông, Công an tỉnh",
    ),
    ItemSpec(
        group="V",
        code="MH38",
        title=(
            "Kết nối Hệ thống thông tin báo cáo tỉnh với Hệ thống thông tin báo cáo "
            "Chính phủ để cập nhật tự động chỉ tiêu Đề án 06 phục vụ chỉ đạo, điều hành"
        ),
        lead="VP",
        coord=("STTTT", "CAT"),
        product_type="Hệ thống phần mềm",
        metric="Số chỉ tiêu Đề án 06 được cập nhật tự động",
        unit="chỉ tiêu",
        target=Decimal("20"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 3, 31),
        budget="province",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
)

# Kế hoạch số 87/KH-UBND ngày 06/02/2024: 75 nhiệm vụ năm 2024 theo 10 nhóm nhiệm vụ.
PLAN_87_GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(code="I", name="Nhóm nhiệm vụ hoàn thiện thể chế, chính sách"),
    GroupSpec(
        code="II",
        name=(
            "Nhóm nhiệm vụ phục vụ giải quyết thủ tục hành "
            "chính và cung cấp dịch vụ công trực tuyến"
        ),
    ),
    GroupSpec(code="III", name="Nhóm nhiệm vụ phục vụ phát triển kinh tế – xã hội"),
    GroupSpec(code="IV", name="Nhóm nhiệm vụ phục vụ phát triển công dân số"),
    GroupSpec(
        code="V",
        name=(
            "Nhóm nhiệm vụ hoàn thiện hệ sinh thái phục vụ kết "
            "nối, khai thác, bổ sung làm giàu dữ liệu dân cư"
        ),
    ),
    GroupSpec(code="VI", name="Nhóm nhiệm vụ phục vụ chỉ đạo, điều hành của lãnh đạo các cấp"),
    GroupSpec(code="VII", name="Nhóm nhiệm vụ bảo đảm hạ tầng kỹ thuật, công nghệ thông tin"),
    GroupSpec(code="VIII", name="Nhóm nhiệm vụ bảo đảm an ninh, an toàn thông tin"),
    GroupSpec(code="IX", name="Nhóm nhiệm vụ tuyên truyền, nâng cao nhận thức"),
    GroupSpec(code="X", name="Nhóm nhiệm vụ bảo đảm nguồn lực, kinh phí"),
)

PLAN_87_TASKS: tuple[ItemSpec, ...] = (
    ItemSpec(
        group="I",
        code="1",
        title=(
            "Tham mưu UBND tỉnh ban hành Quyết định kiện toàn Tổ "
            "công tác triển khai Đề án 06 tỉnh và Tổ giúp việc"
        ),
        lead="CAT",
        coord=("SNV", "VP"),
        product_type="Văn bản",
        metric="Số quyết định được ban hành",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 2, 29),
        budget="none",
        focal_person=(
            "Đ/c Hồ Sỹ Quang, Trưởng phòng Cảnh sát quản "
            "lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
        description="Bổ sung thành viên là lãnh đạo các sở, ngành thay đổi nhân sự trong năm 2023.",
    ),
    ItemSpec(
        group="I",
        code="2",
        title=(
            "Ban hành Quy chế phối hợp khai thác, sử dụng Cơ sở dữ liệu quốc gia "
            "về dân cư giữa Công an tỉnh với các sở, ban, ngành, UBND cấp huyện"
        ),
        lead="CAT",
        coord=("STTTT", "STP", "VP"),
        product_type="Văn bản",
        metric="Số quy chế được ban hành",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person=(
            "Đ/c Lê Thị Minh Nguyệt, Phó Trưởng phòng Cảnh sát "
            "quản lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="I",
        code="3",
        title=(
            "Rà soát, kiến nghị sửa đổi văn bản quy phạm pháp luật của tỉnh còn yêu cầu "
            "xuất trình sổ hộ khẩu, sổ tạm trú, giấy tờ đã tích hợp trên CCCD gắn chip"
        ),
        lead="STP",
        coord=("SNV", "VP", "CAT"),
        product_type="Văn bản",
        metric="Tỷ lệ văn bản quy phạm pháp luật của tỉnh trong phạm vi Đề án 06 được rà soát",
        unit="%",
        target=Decimal("100"),
        baseline=None,
        deadline=None,
        budget="none",
        focal_person="Đ/c Hoàng Văn Phúc, Phó Giám đốc Sở Tư pháp",
        description=(
            "Rà soát thường xuyên khi Trung ương ban hành "
            "văn bản mới, tổng hợp kiến nghị gửi Bộ Tư pháp."
        ),
    ),
    ItemSpec(
        group="I",
        code="4",
        title=(
            "Tham mưu HĐND tỉnh ban hành Nghị quyết quy định mức thu phí, lệ phí "
            "thấp hơn khi thực hiện thủ tục hành chính bằng dịch vụ công trực tuyến"
        ),
        lead="STC",
        coord=("STP", "VP"),
        product_type="Văn bản",
        metric="Số nghị quyết được ban hành",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 6, 30),
        budget="none",
        focal_person="Đ/c Nguyễn Xuân Lâm, Phó Giám đốc Sở Tài chính",
        description="Trình tại kỳ họp thường lệ giữa năm 2024 của HĐND tỉnh.",
    ),
    ItemSpec(
        group="I",
        code="5",
        title=(
            "Ban hành Quy định tiếp nhận, số hóa hồ sơ, kết quả giải quyết "
            "thủ tục hành chính tại Bộ phận Một cửa các cấp trên địa bàn tỉnh"
        ),
        lead="VP",
        coord=("STTTT", "SNV"),
        product_type="Văn bản",
        metric="Số quyết định được ban hành",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person="Đ/c Phạm Minh Châu, Phó Chánh Văn phòng UBND tỉnh",
    ),
    ItemSpec(
        group="I",
        code="6",
        title=(
            "Công bố danh mục thủ tục hành chính tiếp nhận hồ sơ trực tuyến toàn "
            "trình, một phần thuộc thẩm quyền giải quyết của các cấp chính quyền tỉnh"
        ),
        lead="VP",
        coord=("STTTT", "SNV"),
        product_type="Văn bản",
        metric="Số quyết định công bố danh mục",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 2, 29),
        budget="none",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
    ItemSpec(
        group="I",
        code="7",
        title=(
            "Đưa kết quả thực hiện Đề án 06 vào tiêu chí chấm điểm Chỉ số cải cách hành chính "
            "(PAR Index) và đánh giá thi đua, khen thưởng năm 2024 của sở, ngành, UBND cấp huyện"
        ),
        lead="SNV",
        coord=("CAT", "VP"),
        product_type="Văn bản",
        metric="Số văn bản hướng dẫn được ban hành",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person="Đ/c Lương Thị Hạnh, Trưởng phòng Cải cách hành chính, Sở Nội vụ",
    ),
    ItemSpec(
        group="II",
        code="8",
        title=(
            "Cung cấp đầy đủ 25 dịch vụ công thiết yếu theo Đề án 06 trên Cổng "
            "Dịch vụ công quốc gia, bảo đảm tiếp nhận hồ sơ tại 100% đơn vị cấp xã"
        ),
        lead="VP",
        coord=("STTTT", "CAT", "STP", "BHXH"),
        product_type="Kết quả triển khai",
        metric="Số dịch vụ công thiết yếu được cung cấp trực tuyến",
        unit="dịch vụ",
        target=Decimal("25"),
        baseline=Decimal("23"),
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
    ItemSpec(
        group="II",
        code="9",
        title=(
            "Nâng tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực "
            "tuyến trên tổng số hồ sơ tiếp nhận đạt tối thiểu 50%"
        ),
        lead="VP",
        coord=("STTTT", "SNV"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến",
        unit="%",
        target=Decimal("50"),
        baseline=Decimal("32"),
        deadline=dt.date(2024, 12, 31),
        budget="none",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
        description=(
            "Đo trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, tính cả ba cấp."
        ),
    ),
    ItemSpec(
        group="II",
        code="10",
        title=(
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính "
            "đạt 100% ở cấp tỉnh, 80% ở cấp huyện và 60% ở cấp xã"
        ),
        lead="VP",
        coord=("STTTT", "SNV"),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính cấp tỉnh được số hóa",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("68"),
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person="Đ/c Phạm Minh Châu, Phó Chánh Văn phòng UBND tỉnh",
    ),
    ItemSpec(
        group="II",
        code="11",
        title=(
            "Kết nối Hệ thống thông tin giải quyết thủ tục hành chính tỉnh với Cơ sở dữ liệu "
            "quốc gia về dân cư để tự động điền thông tin công dân vào biểu mẫu điện tử"
        ),
        lead="STTTT",
        coord=("CAT", "VNPT"),
        product_type="Hệ thống phần mềm",
        metric="Tỷ lệ biểu mẫu điện tử được điền tự động từ Cơ sở dữ liệu quốc gia về dân cư",
        unit="%",
        target=Decimal("80"),
        baseline=Decimal("10"),
        deadline=dt.date(2024, 3, 31),
        budget="province",
        focal_person=(
            "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công "
            "nghệ thông tin, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="II",
        code="12",
        title=(
            "Không yêu cầu người dân xuất trình giấy tờ chứng minh nơi cư trú khi giải "
            "quyết thủ tục hành chính đã khai thác được Cơ sở dữ liệu quốc gia về dân cư"
        ),
        lead="CAT",
        coord=("VP", "STP"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ thủ tục hành chính đã cắt giảm yêu cầu giấy tờ chứng minh nơi cư trú",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("85"),
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person=(
            "Đ/c Lê Thị Minh Nguyệt, Phó Trưởng phòng Cảnh sát "
            "quản lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="II",
        code="13",
        title=(
            "Nâng tỷ lệ hồ sơ có nghĩa vụ tài chính được thanh toán trực "
            "tuyến trên Cổng Dịch vụ công quốc gia đạt tối thiểu 30%"
        ),
        lead="NHNN",
        coord=("KHOBAC", "STTTT", "VP"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến",
        unit="%",
        target=Decimal("30"),
        baseline=Decimal("11"),
        deadline=dt.date(2024, 12, 31),
        budget="none",
        focal_person="Đ/c Ngô Trí Dũng, Phó Giám đốc Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An",
    ),
    ItemSpec(
        group="II",
        code="14",
        title=(
            "Tiếp nhận, giải quyết thủ tục đăng ký, cấp biển số xe trực tuyến toàn "
            "trình tại Công an cấp huyện và Công an cấp xã được giao đăng ký xe"
        ),
        lead="CAT",
        coord=("BUUDIEN",),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ hồ sơ đăng ký xe được tiếp nhận trực tuyến",
        unit="%",
        target=Decimal("70"),
        baseline=Decimal("36"),
        deadline=dt.date(2024, 3, 15),
        budget="own",
        focal_person="Đ/c Đoàn Văn Khải, Trưởng phòng Cảnh sát giao thông, Công an tỉnh",
    ),
    ItemSpec(
        group="II",
        code="15",
        title=(
            "Duy trì tổ hướng dẫn, hỗ trợ người dân nộp hồ sơ trực tuyến tại Bộ phận Một "
            "cửa ba cấp với sự tham gia của đoàn viên thanh niên, nhân viên bưu điện"
        ),
        lead="VP",
        coord=("BUUDIEN", "SNV"),
        product_type="Kết quả triển khai",
        metric="Số Bộ phận Một cửa duy trì điểm hỗ trợ nộp hồ sơ trực tuyến",
        unit="điểm",
        target=Decimal("434"),
        baseline=Decimal("390"),
        deadline=None,
        budget="own",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
    ItemSpec(
        group="II",
        code="16",
        title=(
            "Triển khai chứng thực bản sao điện tử từ bản chính và cấp "
            "bản sao trích lục hộ tịch điện tử tại 100% UBND cấp xã"
        ),
        lead="STP",
        coord=("STTTT",),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ UBND cấp xã thực hiện chứng thực bản sao điện tử từ bản chính",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("54"),
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person="Đ/c Nguyễn Thị Hoài, Trưởng phòng Hành chính tư pháp, Sở Tư pháp",
    ),
    ItemSpec(
        group="II",
        code="17",
        title=(
            "Nâng tỷ lệ hồ sơ đề nghị cấp phiếu lý lịch tư pháp được "
            "nộp trực tuyến, trả kết quả qua dịch vụ bưu chính công ích"
        ),
        lead="STP",
        coord=("CAT", "BUUDIEN"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ hồ sơ cấp phiếu lý lịch tư pháp được nộp trực tuyến",
        unit="%",
        target=Decimal("60"),
        baseline=Decimal("27"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Nguyễn Thị Hoài, Trưởng phòng Hành chính tư pháp, Sở Tư pháp",
    ),
    ItemSpec(
        group="III",
        code="18",
        title=(
            "Triển khai khám chữa bệnh bảo hiểm y tế bằng CCCD gắn "
            "chip tại 100% cơ sở khám chữa bệnh BHYT trên địa bàn tỉnh"
        ),
        lead="SYT",
        coord=("BHXH", "CAT"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ cơ sở khám chữa bệnh BHYT triển khai tra cứu thẻ BHYT bằng CCCD gắn chip",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("92"),
        deadline=dt.date(2024, 3, 15),
        budget="own",
        focal_person="Đ/c Bùi Thị Lan Anh, Trưởng phòng Nghiệp vụ Y, Sở Y tế",
    ),
    ItemSpec(
        group="III",
        code="19",
        title=(
            "Liên thông dữ liệu giấy khám sức khỏe lái xe lên Cổng tiếp nhận dữ liệu Hệ "
            "thống thông tin giám định BHYT phục vụ cấp đổi giấy phép lái xe trực tuyến"
        ),
        lead="SYT",
        coord=("SGTVT", "BHXH"),
        product_type="Kết quả triển khai",
        metric="Số cơ sở khám sức khỏe lái xe liên thông dữ liệu điện tử",
        unit="cơ sở",
        target=Decimal("45"),
        baseline=Decimal("19"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Bùi Thị Lan Anh, Trưởng phòng Nghiệp vụ Y, Sở Y tế",
    ),
    ItemSpec(
        group="III",
        code="20",
        title=(
            "Chi trả chế độ ưu đãi hằng tháng cho người có "
            "công với cách mạng qua tài khoản ngân hàng"
        ),
        lead="SLDTBXH",
        coord=("NHNN", "BUUDIEN", "CAT"),
        product_type="Kết quả triển khai",
        metric="Số người có công nhận trợ cấp ưu đãi qua tài khoản",
        unit="người",
        target=Decimal("25000"),
        baseline=Decimal("6800"),
        deadline=dt.date(2024, 12, 31),
        budget="own",
        focal_person="Đ/c Võ Thị Hằng, Phó Giám đốc Sở Lao động – Thương binh và Xã hội",
    ),
    ItemSpec(
        group="III",
        code="21",
        title=(
            "Thu học phí và các khoản thu dịch vụ giáo dục không "
            "dùng tiền mặt tại 100% cơ sở giáo dục công lập"
        ),
        lead="SGDDT",
        coord=("NHNN", "VIETTEL", "VNPT"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ cơ sở giáo dục công lập thu không dùng tiền mặt",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("78"),
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person="Đ/c Thái Văn Long, Phó Giám đốc Sở Giáo dục và Đào tạo",
    ),
    ItemSpec(
        group="III",
        code="22",
        title=(
            "Trang bị thiết bị đọc chip CCCD để xác thực khách hàng khi mở tài khoản, "
            "giao dịch tại các chi nhánh, phòng giao dịch của tổ chức tín dụng"
        ),
        lead="NHNN",
        coord=("CAT",),
        product_type="Thiết bị",
        metric="Số chi nhánh, phòng giao dịch được trang bị thiết bị đọc chip CCCD",
        unit="chi nhánh",
        target=Decimal("180"),
        baseline=Decimal("64"),
        deadline=dt.date(2024, 6, 30),
        budget="socialised",
        focal_person="Đ/c Ngô Trí Dũng, Phó Giám đốc Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An",
    ),
    ItemSpec(
        group="III",
        code="23",
        title=(
            "Triển khai thanh toán không dùng tiền mặt tại 100% siêu thị, "
            "trung tâm thương mại, cửa hàng xăng dầu trên địa bàn tỉnh"
        ),
        lead="SCT",
        coord=("NHNN", "CUCTHUE"),
        product_type="Kết quả triển khai",
        metric=(
            "Tỷ lệ siêu thị, trung tâm thương mại, cửa hàng "
            "xăng dầu chấp nhận thanh toán không dùng tiền mặt"
        ),
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("83"),
        deadline=dt.date(2024, 5, 31),
        budget="socialised",
        focal_person="Đ/c Đậu Văn Tiến, Phó Giám đốc Sở Công Thương",
    ),
    ItemSpec(
        group="III",
        code="24",
        title=(
            "Hướng dẫn cơ sở lưu trú du lịch khai báo lưu trú qua "
            "ứng dụng ASM và xác thực khách bằng CCCD gắn chip"
        ),
        lead="SDL",
        coord=("CAT",),
        product_type="Kết quả triển khai",
        metric="Số cơ sở lưu trú du lịch khai báo lưu trú qua ứng dụng ASM",
        unit="cơ sở",
        target=Decimal("1000"),
        baseline=Decimal("520"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person="Đ/c Kiều Thị Thanh Nga, Phó Giám đốc Sở Du lịch",
    ),
    ItemSpec(
        group="III",
        code="25",
        title=(
            "Triển khai bán vé điện tử, kiểm soát vé bằng mã QR tại Khu "
            "di tích Kim Liên và các điểm di tích, danh thắng có thu phí"
        ),
        lead="SVHTT",
        coord=("SDL", "VIETTEL"),
        product_type="Kết quả triển khai",
        metric="Số điểm di tích, danh thắng bán vé điện tử",
        unit="điểm",
        target=Decimal("5"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 9, 30),
        budget="socialised",
        focal_person="Đ/c Tăng Văn Hải, Phó Giám đốc Sở Văn hóa và Thể thao",
    ),
    ItemSpec(
        group="IV",
        code="26",
        title=(
            "Thu nhận hồ sơ cấp thẻ Căn cước công dân gắn chip cho 100% "
            "công dân đủ điều kiện, kể cả người già yếu, ốm đau tại nhà"
        ),
        lead="CAT",
        coord=(),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ công dân đủ điều kiện đã được thu nhận hồ sơ cấp CCCD",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("98.6"),
        deadline=dt.date(2024, 3, 15),
        budget="own",
        focal_person=(
            "Đ/c Hồ Sỹ Quang, Trưởng phòng Cảnh sát quản "
            "lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="IV",
        code="27",
        title=(
            "Thu nhận hồ sơ và kích hoạt tài khoản định danh "
            "điện tử mức 2 cho công dân trên địa bàn tỉnh"
        ),
        lead="CAT",
        coord=("STTTT",),
        product_type="Kết quả triển khai",
        metric="Số tài khoản định danh điện tử mức 2 được kích hoạt",
        unit="tài khoản",
        target=Decimal("1800000"),
        baseline=Decimal("1245000"),
        deadline=dt.date(2024, 12, 31),
        budget="own",
        focal_person=(
            "Đ/c Lê Thị Minh Nguyệt, Phó Trưởng phòng Cảnh sát "
            "quản lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="IV",
        code="28",
        title="Kích hoạt tài khoản định danh điện tử mức 2 cho 100% học sinh từ đủ 14 tuổi trở lên",
        lead="SGDDT",
        coord=("CAT",),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ học sinh từ đủ 14 tuổi kích hoạt tài khoản định danh điện tử mức 2",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("61"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person="Đ/c Phạm Thị Thu Trang, Chánh Văn phòng Sở Giáo dục và Đào tạo",
    ),
    ItemSpec(
        group="IV",
        code="29",
        title=(
            "Duy trì hoạt động Tổ công nghệ số cộng đồng tại thôn, xóm, khối "
            "phố hướng dẫn người dân sử dụng tiện ích trên ứng dụng VNeID"
        ),
        lead="STTTT",
        coord=("CAT", "VNPT", "VIETTEL"),
        product_type="Kết quả triển khai",
        metric="Số Tổ công nghệ số cộng đồng duy trì hoạt động",
        unit="tổ",
        target=Decimal("4600"),
        baseline=Decimal("4380"),
        deadline=None,
        budget="none",
        focal_person=(
            "Đ/c Bùi Đăng Khoa, Trưởng phòng Thông tin – Báo "
            "chí – Xuất bản, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="IV",
        code="30",
        title=(
            "Tích hợp thông tin thẻ bảo hiểm y tế, giấy phép lái xe, đăng ký xe "
            "vào tài khoản định danh điện tử mức 2 theo đề nghị của công dân"
        ),
        lead="CAT",
        coord=("BHXH", "SGTVT"),
        product_type="Kết quả triển khai",
        metric="Số lượt tích hợp giấy tờ vào tài khoản định danh điện tử",
        unit="lượt",
        target=Decimal("600000"),
        baseline=Decimal("215000"),
        deadline=dt.date(2024, 8, 31),
        budget="none",
        focal_person="Đ/c Nguyễn Đức Thắng, Phó Giám đốc Công an tỉnh",
    ),
    ItemSpec(
        group="IV",
        code="31",
        title=(
            "Hướng dẫn người cao tuổi, người khuyết tật sử "
            "dụng ứng dụng VNeID và dịch vụ công trực tuyến"
        ),
        lead="SLDTBXH",
        coord=("CAT",),
        product_type="Kết quả triển khai",
        metric="Số người cao tuổi, người khuyết tật được hướng dẫn",
        unit="người",
        target=Decimal("20000"),
        baseline=None,
        deadline=dt.date(2024, 9, 30),
        budget="own",
        focal_person=(
            "Đ/c Cao Xuân Đức, Trưởng phòng Bảo trợ xã hội, Sở Lao động – Thương binh và Xã hội"
        ),
    ),
    ItemSpec(
        group="IV",
        code="32",
        title=(
            "Triển khai phổ cập kỹ năng số cho người dân qua Nền "
            "tảng học trực tuyến mở đại trà (MOOCs) của tỉnh"
        ),
        lead="STTTT",
        coord=("SGDDT",),
        product_type="Kết quả triển khai",
        metric="Số lượt người dân tham gia khóa học kỹ năng số",
        unit="lượt",
        target=Decimal("50000"),
        baseline=Decimal("8500"),
        deadline=dt.date(2024, 12, 31),
        budget="province",
        focal_person=(
            "Đ/c Bùi Đăng Khoa, Trưởng phòng Thông tin – Báo "
            "chí – Xuất bản, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="IV",
        code="33",
        title=(
            "Phát triển tài khoản thanh toán và dịch vụ Mobile "
            "Money cho người dân khu vực nông thôn, miền núi"
        ),
        lead="NHNN",
        coord=("VIETTEL", "VNPT"),
        product_type="Kết quả triển khai",
        metric="Số tài khoản Mobile Money mở mới",
        unit="tài khoản",
        target=Decimal("150000"),
        baseline=None,
        deadline=dt.date(2024, 12, 31),
        budget="socialised",
        focal_person="Đ/c Ngô Trí Dũng, Phó Giám đốc Ngân hàng Nhà nước chi nhánh tỉnh Nghệ An",
    ),
    ItemSpec(
        group="V",
        code="34",
        title="Xác minh, làm sạch dữ liệu dân cư trên địa bàn tỉnh bảo đảm “đúng, đủ, sạch, sống”",
        lead="CAT",
        coord=("H412", "H421", "H425"),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ phiếu thu thập thông tin dân cư được xác minh, làm sạch",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("97"),
        deadline=dt.date(2024, 3, 15),
        budget="own",
        focal_person=(
            "Đ/c Lê Thị Minh Nguyệt, Phó Trưởng phòng Cảnh sát "
            "quản lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="V",
        code="35",
        title=(
            "Đối chiếu, làm sạch dữ liệu người tham gia bảo hiểm xã "
            "hội, bảo hiểm y tế với Cơ sở dữ liệu quốc gia về dân cư"
        ),
        lead="BHXH",
        coord=("CAT",),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ người tham gia BHXH, BHYT được xác thực với Cơ sở dữ liệu quốc gia về dân cư",
        unit="%",
        target=Decimal("98"),
        baseline=Decimal("93"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Phùng Văn Tâm, Trưởng phòng Công nghệ thông tin, Bảo hiểm xã hội tỉnh",
    ),
    ItemSpec(
        group="V",
        code="36",
        title="Rà soát, chuẩn hóa mã số thuế cá nhân theo số định danh cá nhân",
        lead="CUCTHUE",
        coord=("CAT",),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ mã số thuế cá nhân được đối chiếu, chuẩn hóa theo số định danh cá nhân",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("84"),
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person="Đ/c Dương Quốc Việt, Phó Cục trưởng Cục Thuế tỉnh",
    ),
    ItemSpec(
        group="V",
        code="37",
        title="Số hóa sổ hộ tịch lịch sử, cập nhật vào Cơ sở dữ liệu hộ tịch điện tử toàn quốc",
        lead="STP",
        coord=("STTTT",),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ dữ liệu hộ tịch lịch sử được số hóa",
        unit="%",
        target=Decimal("70"),
        baseline=Decimal("35"),
        deadline=dt.date(2024, 12, 31),
        budget="central",
        focal_person="Đ/c Hoàng Văn Phúc, Phó Giám đốc Sở Tư pháp",
    ),
    ItemSpec(
        group="V",
        code="38",
        title=(
            "Xây dựng cơ sở dữ liệu đất đai cấp huyện, kết nối với Cơ sở dữ "
            "liệu quốc gia về dân cư để xác thực thông tin người sử dụng đất"
        ),
        lead="STNMT",
        coord=("CAT", "STTTT"),
        product_type="Cơ sở dữ liệu",
        metric="Số huyện hoàn thành và kết nối cơ sở dữ liệu đất đai",
        unit="huyện",
        target=Decimal("8"),
        baseline=Decimal("5"),
        deadline=dt.date(2024, 10, 31),
        budget="province",
        focal_person="Đ/c Trịnh Văn Sơn, Giám đốc Văn phòng Đăng ký đất đai tỉnh",
    ),
    ItemSpec(
        group="V",
        code="39",
        title=(
            "Cập nhật dữ liệu người có công, đối tượng bảo trợ xã hội, trẻ "
            "em có hoàn cảnh đặc biệt vào Cơ sở dữ liệu an sinh xã hội"
        ),
        lead="SLDTBXH",
        coord=("CAT",),
        product_type="Cơ sở dữ liệu",
        metric="Số đối tượng an sinh xã hội được cập nhật, xác thực số định danh cá nhân",
        unit="đối tượng",
        target=Decimal("250000"),
        baseline=Decimal("180000"),
        deadline=dt.date(2024, 6, 30),
        budget="own",
        focal_person=(
            "Đ/c Cao Xuân Đức, Trưởng phòng Bảo trợ xã hội, Sở Lao động – Thương binh và Xã hội"
        ),
    ),
    ItemSpec(
        group="V",
        code="40",
        title=(
            "Đồng bộ mã định danh học sinh trên Cơ sở dữ "
            "liệu ngành giáo dục với số định danh cá nhân"
        ),
        lead="SGDDT",
        coord=("CAT",),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ hồ sơ học sinh có số định danh cá nhân được xác thực",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("94"),
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person="Đ/c Phạm Thị Thu Trang, Chánh Văn phòng Sở Giáo dục và Đào tạo",
    ),
    ItemSpec(
        group="V",
        code="41",
        title=(
            "Xác thực thông tin hồ sơ cán bộ, công chức, viên chức trên Cơ sở dữ liệu "
            "cán bộ, công chức, viên chức của tỉnh với Cơ sở dữ liệu quốc gia về dân cư"
        ),
        lead="SNV",
        coord=("CAT", "STTTT"),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ hồ sơ cán bộ, công chức, viên chức được xác thực",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("72"),
        deadline=dt.date(2024, 6, 30),
        budget="none",
        focal_person="Đ/c Lương Thị Hạnh, Trưởng phòng Cải cách hành chính, Sở Nội vụ",
    ),
    ItemSpec(
        group="V",
        code="42",
        title=(
            "Chuẩn hóa thông tin người đại diện theo pháp luật của "
            "doanh nghiệp, chủ hộ kinh doanh theo số định danh cá nhân"
        ),
        lead="SKHDT",
        coord=("CUCTHUE", "CAT"),
        product_type="Cơ sở dữ liệu",
        metric="Tỷ lệ hồ sơ đăng ký kinh doanh được chuẩn hóa theo số định danh cá nhân",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("60"),
        deadline=dt.date(2024, 9, 30),
        budget="none",
        focal_person="Đ/c Hồ Thị Hồng Nhung, Phó Giám đốc Sở Kế hoạch và Đầu tư",
    ),
    ItemSpec(
        group="VI",
        code="43",
        title=(
            "Đưa Trung tâm giám sát, điều hành thông minh (IOC) tỉnh vào hoạt động chính "
            "thức với các phân hệ dịch vụ công, y tế, giáo dục, giao thông, an ninh trật tự"
        ),
        lead="STTTT",
        coord=("CAT", "VP", "VNPT"),
        product_type="Hệ thống phần mềm",
        metric="Số phân hệ IOC được đưa vào vận hành",
        unit="phân hệ",
        target=Decimal("8"),
        baseline=Decimal("3"),
        deadline=dt.date(2024, 6, 30),
        budget="province",
        focal_person=(
            "Đ/c Nguyễn Hữu Thành, Giám đốc Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
        ),
    ),
    ItemSpec(
        group="VI",
        code="44",
        title=(
            "Xây dựng bộ chỉ tiêu theo dõi, đánh giá tiến độ "
            "Đề án 06 trên Hệ thống thông tin báo cáo tỉnh"
        ),
        lead="VP",
        coord=("CAT", "STTTT"),
        product_type="Hệ thống phần mềm",
        metric="Số chỉ tiêu Đề án 06 được theo dõi trên Hệ thống thông tin báo cáo",
        unit="chỉ tiêu",
        target=Decimal("30"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
    ItemSpec(
        group="VI",
        code="45",
        title=(
            "Báo cáo định kỳ hằng tháng kết quả thực hiện Đề án 06 về Tổ "
            "công tác tỉnh (qua Công an tỉnh) trước ngày 15 hằng tháng"
        ),
        lead="CAT",
        coord=("VP",),
        product_type="Báo cáo",
        metric="Số báo cáo tháng được tổng hợp, gửi đúng hạn",
        unit="báo cáo",
        target=Decimal("12"),
        baseline=None,
        deadline=None,
        budget="none",
        focal_person=(
            "Đ/c Hồ Sỹ Quang, Trưởng phòng Cảnh sát quản "
            "lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
        description="Số liệu tính từ ngày 15 tháng trước đến ngày 14 tháng báo cáo.",
    ),
    ItemSpec(
        group="VI",
        code="46",
        title=(
            "Kiểm tra, đánh giá kết quả thực hiện Đề án 06 tại các sở, ban, ngành và UBND cấp huyện"
        ),
        lead="TCT",
        coord=("CAT", "TTT", "VP"),
        product_type="Báo cáo",
        metric="Số cơ quan, địa phương được kiểm tra",
        unit="đơn vị",
        target=Decimal("15"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 9, 30),
        budget="province",
        focal_person=(
            "Đ/c Nguyễn Đức Thắng, Phó Giám đốc Công an tỉnh, "
            "Tổ phó thường trực Tổ công tác Đề án 06 tỉnh"
        ),
    ),
    ItemSpec(
        group="VI",
        code="47",
        title=(
            "Kết nối hệ thống camera giám sát an ninh trật tự, giao thông "
            "của các huyện, thị xã về Trung tâm chỉ huy Công an tỉnh và IOC"
        ),
        lead="CAT",
        coord=("STTTT", "H412", "H414", "H432"),
        product_type="Thiết bị",
        metric="Số camera giám sát được kết nối",
        unit="camera",
        target=Decimal("500"),
        baseline=Decimal("180"),
        deadline=dt.date(2024, 10, 31),
        budget="socialised",
        focal_person="Đ/c Đoàn Văn Khải, Trưởng phòng Cảnh sát giao thông, Công an tỉnh",
    ),
    ItemSpec(
        group="VI",
        code="48",
        title=(
            "Ký số văn bản đi trên Hệ thống quản lý văn bản và điều "
            "hành liên thông bốn cấp, kể cả ký số trên thiết bị di động"
        ),
        lead="STTTT",
        coord=("VP", "VNPT"),
        product_type="Hệ thống phần mềm",
        metric="Tỷ lệ văn bản đi được ký số",
        unit="%",
        target=Decimal("95"),
        baseline=Decimal("89"),
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person=(
            "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công "
            "nghệ thông tin, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="VII",
        code="49",
        title="Bảo đảm 100% UBND cấp xã kết nối mạng truyền số liệu chuyên dùng cấp II",
        lead="STTTT",
        coord=("VNPT", "VIETTEL"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ UBND cấp xã kết nối mạng truyền số liệu chuyên dùng",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("86"),
        deadline=dt.date(2024, 6, 30),
        budget="central",
        focal_person=(
            "Đ/c Nguyễn Hữu Thành, Giám đốc Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
        ),
    ),
    ItemSpec(
        group="VII",
        code="50",
        title=(
            "Trang bị máy quét, máy tính cho Bộ phận Một cửa "
            "cấp xã phục vụ số hóa hồ sơ tại huyện Diễn Châu"
        ),
        lead="H425",
        coord=("STTTT",),
        product_type="Thiết bị",
        metric="Tỷ lệ Bộ phận Một cửa cấp xã được trang bị máy quét tài liệu",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("40"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Trần Đình Nam, Phó Chủ tịch UBND huyện Diễn Châu",
    ),
    ItemSpec(
        group="VII",
        code="51",
        title=(
            "Nâng cấp Trung tâm dữ liệu tỉnh bảo đảm dung "
            "lượng lưu trữ hồ sơ số hóa và dữ liệu của IOC"
        ),
        lead="STTTT",
        coord=("VNPT", "STC"),
        product_type="Thiết bị",
        metric="Dung lượng lưu trữ được bổ sung",
        unit="TB",
        target=Decimal("200"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 12, 31),
        budget="province",
        focal_person=(
            "Đ/c Nguyễn Hữu Thành, Giám đốc Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
        ),
    ),
    ItemSpec(
        group="VII",
        code="52",
        title="Trang bị thiết bị đọc mã QR, đầu đọc CCCD gắn chip tại Bộ phận Một cửa các cấp",
        lead="VP",
        coord=("STTTT", "CAT"),
        product_type="Thiết bị",
        metric="Số Bộ phận Một cửa được trang bị thiết bị đọc CCCD gắn chip",
        unit="điểm",
        target=Decimal("434"),
        baseline=Decimal("251"),
        deadline=dt.date(2024, 3, 15),
        budget="own",
        focal_person="Đ/c Phạm Minh Châu, Phó Chánh Văn phòng UBND tỉnh",
    ),
    ItemSpec(
        group="VII",
        code="53",
        title="Phủ sóng di động 4G tại các thôn, bản lõm sóng ở các huyện miền núi",
        lead="STTTT",
        coord=("VIETTEL", "VNPT", "BDT"),
        product_type="Kết quả triển khai",
        metric="Số thôn, bản lõm sóng được phủ sóng 4G",
        unit="thôn",
        target=Decimal("60"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 11, 30),
        budget="socialised",
        focal_person=(
            "Đ/c Bùi Đăng Khoa, Trưởng phòng Thông tin – Báo "
            "chí – Xuất bản, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="VII",
        code="54",
        title=(
            "Bảo đảm đường truyền internet tại trạm y tế xã kết nối "
            "phần mềm HIS với Hệ thống thông tin giám định BHYT"
        ),
        lead="SYT",
        coord=("VNPT", "VIETTEL", "BHXH"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ trạm y tế xã có đường truyền kết nối ổn định",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("90"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Nguyễn Văn Hùng, Phó Giám đốc Sở Y tế",
    ),
    ItemSpec(
        group="VII",
        code="55",
        title=(
            "Nâng cấp Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP) "
            "kết nối Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)"
        ),
        lead="STTTT",
        coord=("VNPT",),
        product_type="Hệ thống phần mềm",
        metric="Số hệ thống thông tin kết nối qua LGSP",
        unit="hệ thống",
        target=Decimal("20"),
        baseline=Decimal("12"),
        deadline=dt.date(2024, 3, 15),
        budget="province",
        focal_person=(
            "Đ/c Nguyễn Hữu Thành, Giám đốc Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
        ),
    ),
    ItemSpec(
        group="VII",
        code="56",
        title=(
            "Cấp chứng thư chữ ký số cá nhân cho người dân đã có tài khoản "
            "định danh điện tử mức 2 để thực hiện dịch vụ công trực tuyến"
        ),
        lead="VNPT",
        coord=("VIETTEL", "STTTT"),
        product_type="Kết quả triển khai",
        metric="Số chứng thư chữ ký số cá nhân được cấp",
        unit="chứng thư",
        target=Decimal("50000"),
        baseline=Decimal("3200"),
        deadline=dt.date(2024, 12, 31),
        budget="socialised",
        focal_person="Đ/c Tạ Minh Hiếu, Phó Giám đốc VNPT Nghệ An",
    ),
    ItemSpec(
        group="VIII",
        code="57",
        title=(
            "Phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin theo Nghị "
            "định 85/2016/NĐ-CP cho các hệ thống thông tin dùng chung của tỉnh"
        ),
        lead="STTTT",
        coord=("CAT",),
        product_type="Văn bản",
        metric="Tỷ lệ hệ thống thông tin được phê duyệt cấp độ an toàn",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("55"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person=(
            "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công "
            "nghệ thông tin, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="VIII",
        code="58",
        title=(
            "Kiểm tra, đánh giá an ninh mạng Hệ thống thông tin "
            "giải quyết thủ tục hành chính tỉnh, LGSP và IOC"
        ),
        lead="CAT",
        coord=("STTTT",),
        product_type="Báo cáo",
        metric="Số hệ thống thông tin được kiểm tra, đánh giá an ninh mạng",
        unit="hệ thống",
        target=Decimal("5"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 6, 30),
        budget="none",
        focal_person=(
            "Đ/c Phan Anh Tuấn, Trưởng phòng An ninh mạng và phòng, "
            "chống tội phạm sử dụng công nghệ cao, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="VIII",
        code="59",
        title=(
            "Giám sát, phát hiện, ngăn chặn tấn công mạng đối với hệ thống thông tin "
            "của tỉnh, kết nối Trung tâm Giám sát an toàn không gian mạng quốc gia"
        ),
        lead="STTTT",
        coord=("CAT", "VNPT"),
        product_type="Kết quả triển khai",
        metric="Tỷ lệ hệ thống thông tin cấp tỉnh được giám sát an toàn thông tin",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("80"),
        deadline=None,
        budget="province",
        focal_person=(
            "Đ/c Nguyễn Hữu Thành, Giám đốc Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
        ),
    ),
    ItemSpec(
        group="VIII",
        code="60",
        title="Tổ chức diễn tập thực chiến ứng cứu sự cố an toàn thông tin mạng năm 2024",
        lead="STTTT",
        coord=("CAT", "VIETTEL"),
        product_type="Báo cáo",
        metric="Số cuộc diễn tập được tổ chức",
        unit="cuộc",
        target=Decimal("1"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 9, 30),
        budget="province",
        focal_person="Đ/c Đặng Quốc Huy, Phó Giám đốc Sở Thông tin và Truyền thông",
    ),
    ItemSpec(
        group="VIII",
        code="61",
        title=(
            "Hướng dẫn, kiểm tra bảo vệ dữ liệu cá nhân theo Nghị định 13/2023/NĐ-"
            "CP tại các cơ quan được khai thác Cơ sở dữ liệu quốc gia về dân cư"
        ),
        lead="CAT",
        coord=("SNV", "STTTT"),
        product_type="Báo cáo",
        metric="Số cơ quan được hướng dẫn, kiểm tra",
        unit="đơn vị",
        target=Decimal("30"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person=(
            "Đ/c Phan Anh Tuấn, Trưởng phòng An ninh mạng và phòng, "
            "chống tội phạm sử dụng công nghệ cao, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="VIII",
        code="62",
        title=(
            "Triển khai phần mềm phòng, chống mã độc quản trị tập trung "
            "cho máy tính của cơ quan nhà nước cấp tỉnh, cấp huyện"
        ),
        lead="STTTT",
        coord=("VIETTEL",),
        product_type="Kết quả triển khai",
        metric="Số máy tính được cài đặt phần mềm phòng, chống mã độc tập trung",
        unit="máy tính",
        target=Decimal("4500"),
        baseline=Decimal("3100"),
        deadline=dt.date(2024, 3, 31),
        budget="province",
        focal_person=(
            "Đ/c Nguyễn Hữu Thành, Giám đốc Trung tâm Công nghệ thông tin và Truyền thông tỉnh"
        ),
    ),
    ItemSpec(
        group="IX",
        code="63",
        title=(
            "Tuyên truyền lợi ích của Đề án 06, dịch vụ công trực tuyến và ứng "
            "dụng VNeID trên Báo Nghệ An, Đài Phát thanh và Truyền hình tỉnh"
        ),
        lead="STTTT",
        coord=("CAT",),
        product_type="Sản phẩm truyền thông",
        metric="Số tin, bài, phóng sự được đăng, phát",
        unit="tin, bài",
        target=Decimal("300"),
        baseline=None,
        deadline=None,
        budget="province",
        focal_person=(
            "Đ/c Bùi Đăng Khoa, Trưởng phòng Thông tin – Báo "
            "chí – Xuất bản, Sở Thông tin và Truyền thông"
        ),
    ),
    ItemSpec(
        group="IX",
        code="64",
        title="Xây dựng chuyên mục “Đề án 06 – Chuyển đổi số” trên Cổng thông tin điện tử tỉnh",
        lead="VP",
        coord=("STTTT", "CAT"),
        product_type="Sản phẩm truyền thông",
        metric="Số chuyên mục được xây dựng",
        unit="chuyên mục",
        target=Decimal("1"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 2, 29),
        budget="none",
        focal_person="Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
    ItemSpec(
        group="IX",
        code="65",
        title=(
            "Tuyên truyền Đề án 06 qua hệ thống đài truyền "
            "thanh cơ sở tại 100% xã, thị trấn huyện Nghi Lộc"
        ),
        lead="H429",
        coord=("STTTT",),
        product_type="Sản phẩm truyền thông",
        metric="Tỷ lệ xã, thị trấn phát chuyên mục Đề án 06 hằng tuần",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("45"),
        deadline=dt.date(2024, 3, 15),
        budget="own",
        focal_person="Đ/c Võ Đức Minh, Phó Chủ tịch UBND huyện Nghi Lộc",
    ),
    ItemSpec(
        group="IX",
        code="66",
        title=(
            "Tuyên truyền, hướng dẫn đồng bào dân tộc Thái, "
            "Mông, Khơ Mú sử dụng VNeID bằng tiếng dân tộc"
        ),
        lead="BDT",
        coord=("CAT", "STTTT"),
        product_type="Sản phẩm truyền thông",
        metric="Số buổi tuyên truyền tại thôn, bản",
        unit="buổi",
        target=Decimal("40"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 9, 30),
        budget="central",
        focal_person="Đ/c Lô Văn Khánh, Phó Trưởng Ban Dân tộc tỉnh",
    ),
    ItemSpec(
        group="IX",
        code="67",
        title=(
            "Tuyên truyền, hướng dẫn học sinh, phụ huynh sử dụng VNeID "
            "và thanh toán không dùng tiền mặt tại 100% cơ sở giáo dục"
        ),
        lead="SGDDT",
        coord=("CAT", "NHNN"),
        product_type="Sản phẩm truyền thông",
        metric="Tỷ lệ cơ sở giáo dục tổ chức tuyên truyền",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("52"),
        deadline=dt.date(2024, 3, 31),
        budget="none",
        focal_person="Đ/c Phạm Thị Thu Trang, Chánh Văn phòng Sở Giáo dục và Đào tạo",
    ),
    ItemSpec(
        group="IX",
        code="68",
        title=(
            "Phát hành tờ rơi, áp phích hướng dẫn cài đặt, kích hoạt VNeID và "
            "nộp hồ sơ trực tuyến tại Bộ phận Một cửa và trụ sở Công an cấp xã"
        ),
        lead="CAT",
        coord=("VP", "BUUDIEN"),
        product_type="Sản phẩm truyền thông",
        metric="Số tờ rơi, áp phích được phát hành",
        unit="tờ",
        target=Decimal("200000"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 3, 15),
        budget="own",
        focal_person=(
            "Đ/c Hồ Sỹ Quang, Trưởng phòng Cảnh sát quản "
            "lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="IX",
        code="69",
        title=(
            "Tổ chức tuyên truyền lưu động, cổ động trực quan về "
            "Đề án 06 tại các lễ hội, sự kiện văn hóa lớn của tỉnh"
        ),
        lead="SVHTT",
        coord=("CAT", "SDL"),
        product_type="Sản phẩm truyền thông",
        metric="Số buổi tuyên truyền lưu động",
        unit="buổi",
        target=Decimal("20"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person="Đ/c Tăng Văn Hải, Phó Giám đốc Sở Văn hóa và Thể thao",
    ),
    ItemSpec(
        group="X",
        code="70",
        title="Tham mưu bố trí kinh phí thực hiện Đề án 06 năm 2024 trong dự toán ngân sách tỉnh",
        lead="STC",
        coord=("SKHDT", "CAT"),
        product_type="Văn bản",
        metric="Số quyết định giao dự toán kinh phí được ban hành",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 3, 15),
        budget="none",
        focal_person="Đ/c Trương Thị Yến, Trưởng phòng Quản lý ngân sách, Sở Tài chính",
    ),
    ItemSpec(
        group="X",
        code="71",
        title=(
            "Hướng dẫn sở, ngành, địa phương lập dự toán, sử dụng "
            "kinh phí chi thường xuyên cho nhiệm vụ Đề án 06"
        ),
        lead="STC",
        coord=("KHOBAC",),
        product_type="Văn bản",
        metric="Số văn bản hướng dẫn được ban hành",
        unit="văn bản",
        target=Decimal("1"),
        baseline=None,
        deadline=dt.date(2024, 2, 29),
        budget="none",
        focal_person="Đ/c Trương Thị Yến, Trưởng phòng Quản lý ngân sách, Sở Tài chính",
    ),
    ItemSpec(
        group="X",
        code="72",
        title=(
            "Bố trí vốn đầu tư công cho dự án Trung tâm điều "
            "hành thông minh và nâng cấp Trung tâm dữ liệu tỉnh"
        ),
        lead="SKHDT",
        coord=("STC", "STTTT"),
        product_type="Văn bản",
        metric="Số dự án được bố trí vốn",
        unit="dự án",
        target=Decimal("2"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 6, 30),
        budget="province",
        focal_person="Đ/c Hồ Thị Hồng Nhung, Phó Giám đốc Sở Kế hoạch và Đầu tư",
    ),
    ItemSpec(
        group="X",
        code="73",
        title=(
            "Bố trí cán bộ chuyên trách công nghệ thông tin, "
            "chuyển đổi số tại các sở, ngành, UBND cấp huyện"
        ),
        lead="SNV",
        coord=("STTTT",),
        product_type="Văn bản",
        metric="Tỷ lệ cơ quan, địa phương có cán bộ chuyên trách",
        unit="%",
        target=Decimal("100"),
        baseline=Decimal("76"),
        deadline=dt.date(2024, 6, 30),
        budget="none",
        focal_person="Đ/c Chu Văn Bình, Phó Giám đốc Sở Nội vụ",
    ),
    ItemSpec(
        group="X",
        code="74",
        title=(
            "Tập huấn khai thác Cơ sở dữ liệu quốc gia về dân cư, sử dụng "
            "thiết bị đọc CCCD gắn chip cho công chức Bộ phận Một cửa các cấp"
        ),
        lead="CAT",
        coord=("VP", "STTTT"),
        product_type="Hội nghị, lớp tập huấn",
        metric="Số lượt công chức được tập huấn",
        unit="người",
        target=Decimal("1500"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 3, 31),
        budget="own",
        focal_person=(
            "Đ/c Lê Thị Minh Nguyệt, Phó Trưởng phòng Cảnh sát "
            "quản lý hành chính về trật tự xã hội, Công an tỉnh"
        ),
    ),
    ItemSpec(
        group="X",
        code="75",
        title=(
            "Huy động doanh nghiệp viễn thông, ngân hàng hỗ trợ trang "
            "thiết bị cho điểm hỗ trợ dịch vụ công trực tuyến cấp xã"
        ),
        lead="STTTT",
        coord=("VIETTEL", "VNPT", "NHNN"),
        product_type="Thiết bị",
        metric="Giá trị trang thiết bị được hỗ trợ",
        unit="triệu đồng",
        target=Decimal("2000"),
        baseline=Decimal("0"),
        deadline=dt.date(2024, 9, 30),
        budget="socialised",
        focal_person=(
            "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công "
            "nghệ thông tin, Sở Thông tin và Truyền thông"
        ),
    ),
)


@dataclass(frozen=True)
class PlanSpec:
    """A yearly sample plan: its number, dates, groups and items."""

    number: str
    issued_on: dt.date
    title: str
    groups: tuple[GroupSpec, ...]
    items: tuple[ItemSpec, ...]


# The yearly plans share the six groups of Nghệ An's plans from 2025 (domain.md §2).
YEAR_GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(code="I", name="Nhóm nhiệm vụ hoàn thiện thể chế, chính sách"),
    GroupSpec(
        code="II",
        name=(
            "Nhóm nhiệm vụ phục vụ giải quyết thủ tục hành chính "
            "và cung cấp dịch vụ công trực tuyến"
        ),
    ),
    GroupSpec(code="III", name="Nhóm nhiệm vụ phục vụ phát triển kinh tế – xã hội"),
    GroupSpec(code="IV", name="Nhóm nhiệm vụ phục vụ phát triển công dân số"),
    GroupSpec(
        code="V",
        name=(
            "Nhóm nhiệm vụ hoàn thiện hệ sinh thái phục vụ kết nối, "
            "khai thác, bổ sung làm giàu dữ liệu dân cư"
        ),
    ),
    GroupSpec(
        code="VI",
        name=(
            "Nhóm nhiệm vụ bảo đảm hạ tầng kỹ thuật, an toàn thông tin "
            "và phục vụ chỉ đạo, điều hành"
        ),
    ),
)

_HEALTH_HEAD = "Đ/c Nguyễn Văn Hùng, Phó Giám đốc Sở Y tế"
_HEALTH_DESK = "Đ/c Bùi Thị Lan Anh, Trưởng phòng Nghiệp vụ Y, Sở Y tế"
_POLICE_DEPUTY = "Đ/c Nguyễn Đức Thắng, Phó Giám đốc Công an tỉnh"
_POLICE_RESIDENCE = (
    "Đ/c Lê Thị Minh Nguyệt, Phó Trưởng phòng Cảnh sát quản lý hành chính về trật tự xã hội, "
    "Công an tỉnh"
)
_SERVICE_CENTRE = "Đ/c Trần Thị Mai Phương, Giám đốc Trung tâm Phục vụ hành chính công tỉnh"

# Kế hoạch năm 2025, issued before the merger of 1/3/2025 and the end of the districts on
# 1/7/2025: its items of Sở TT&TT, Sở LĐ-TB&XH, Sở TN&MT and UBND thành phố Vinh pass to their
# successors during the year.
PLAN_2025 = PlanSpec(
    number="35/KH-UBND",
    issued_on=dt.date(2025, 1, 22),
    title="Triển khai thực hiện Đề án 06 trên địa bàn tỉnh Nghệ An năm 2025 (minh họa)",
    groups=YEAR_GROUPS,
    items=(
        ItemSpec(
            group="I",
            code="1",
            title=(
                "Tham mưu kiện toàn Tổ công tác triển khai Đề án 06 tỉnh và Tổ công tác cấp xã "
                "sau sắp xếp tổ chức bộ máy"
            ),
            lead="CAT",
            coord=("SNV", "VP"),
            product_type="Văn bản",
            metric="Quyết định kiện toàn Tổ công tác được ban hành",
            unit="văn bản",
            target=Decimal("1"),
            baseline=None,
            deadline=dt.date(2025, 3, 31),
            budget="none",
            focal_person=_POLICE_DEPUTY,
        ),
        ItemSpec(
            group="I",
            code="2",
            title=(
                "Rà soát, ban hành lại quy trình nội bộ giải quyết thủ tục hành chính của các "
                "sở, ngành sau sắp xếp, hợp nhất từ ngày 01/3/2025"
            ),
            lead="SNV",
            coord=("STP", "VP"),
            product_type="Văn bản",
            metric="Số quy trình nội bộ được ban hành lại",
            unit="quy trình",
            target=Decimal("650"),
            baseline=None,
            deadline=dt.date(2025, 6, 30),
            budget="own",
            focal_person="Đ/c Lương Thị Hạnh, Trưởng phòng Cải cách hành chính, Sở Nội vụ",
        ),
        ItemSpec(
            group="I",
            code="3",
            title=(
                "Rà soát, kiến nghị cắt giảm yêu cầu nộp bản sao giấy tờ đã được khai thác từ Cơ "
                "sở dữ liệu quốc gia về dân cư trong thành phần hồ sơ thủ tục hành chính"
            ),
            lead="STP",
            coord=("CAT", "VP"),
            product_type="Văn bản",
            metric="Số thủ tục hành chính được cắt giảm thành phần hồ sơ",
            unit="thủ tục",
            target=Decimal("120"),
            baseline=None,
            deadline=dt.date(2025, 9, 30),
            budget="none",
            focal_person="Đ/c Hoàng Văn Phúc, Phó Giám đốc Sở Tư pháp",
        ),
        ItemSpec(
            group="II",
            code="4",
            title=(
                "Nâng tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn "
                "trình đạt tối thiểu 60% tổng số hồ sơ"
            ),
            lead="VP",
            coord=("STTTT", "SNV"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình",
            unit="%",
            target=Decimal("60"),
            baseline=Decimal("48"),
            deadline=dt.date(2025, 12, 31),
            budget="own",
            focal_person=_SERVICE_CENTRE,
        ),
        ItemSpec(
            group="II",
            code="5",
            title=(
                "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh đáp ứng mô hình "
                "chính quyền địa phương hai cấp từ ngày 01/7/2025"
            ),
            lead="STTTT",
            coord=("VP", "VNPT"),
            product_type="Hệ thống phần mềm",
            metric="Số xã, phường vận hành hệ thống sau sắp xếp",
            unit="xã",
            target=Decimal("130"),
            baseline=None,
            deadline=dt.date(2025, 6, 30),
            budget="province",
            focal_person="Đ/c Đặng Quốc Huy, Phó Giám đốc Sở Thông tin và Truyền thông",
        ),
        ItemSpec(
            group="II",
            code="6",
            title=(
                "Nâng tỷ lệ hồ sơ đề nghị cấp phiếu lý lịch tư pháp nộp qua ứng dụng VNeID đạt 70%"
            ),
            lead="STP",
            coord=("CAT", "BUUDIEN"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ hồ sơ lý lịch tư pháp nộp qua ứng dụng VNeID",
            unit="%",
            target=Decimal("70"),
            baseline=Decimal("35"),
            deadline=dt.date(2025, 9, 30),
            budget="own",
            focal_person="Đ/c Nguyễn Thị Hoài, Trưởng phòng Hành chính tư pháp, Sở Tư pháp",
        ),
        ItemSpec(
            group="II",
            code="7",
            title=(
                "Trang bị máy quét, thiết bị đọc căn cước gắn chip cho Bộ phận Một cửa các phường, "
                "xã thuộc thành phố Vinh"
            ),
            lead="H412",
            coord=("VP", "STTTT"),
            product_type="Thiết bị",
            metric="Số bộ thiết bị được trang bị",
            unit="bộ",
            target=Decimal("50"),
            baseline=Decimal("12"),
            deadline=dt.date(2025, 5, 31),
            budget="own",
            focal_person="Đ/c Hoàng Thị Bích Ngọc, Phó Chủ tịch UBND thành phố Vinh",
            description=(
                "Từ ngày 01/7/2025 nhiệm vụ do UBND phường kế thừa thành phố Vinh tiếp tục thực "
                "hiện."
            ),
        ),
        ItemSpec(
            group="III",
            code="8",
            title=(
                "Triển khai bệnh án điện tử tại các bệnh viện công lập tuyến tỉnh, kết nối Hệ "
                "thống thông tin giám định bảo hiểm y tế"
            ),
            lead="SYT",
            coord=("BHXH", "STTTT"),
            product_type="Hệ thống phần mềm",
            metric="Số bệnh viện triển khai bệnh án điện tử",
            unit="bệnh viện",
            target=Decimal("20"),
            baseline=Decimal("6"),
            deadline=dt.date(2025, 9, 30),
            budget="own",
            focal_person=_HEALTH_HEAD,
        ),
        ItemSpec(
            group="III",
            code="9",
            title=(
                "Liên thông đơn thuốc điện tử với Hệ thống đơn thuốc quốc gia tại các cơ sở khám "
                "bệnh, chữa bệnh"
            ),
            lead="SYT",
            coord=("BHXH", "VNPT"),
            product_type="Kết quả triển khai",
            metric="Số cơ sở khám bệnh, chữa bệnh liên thông đơn thuốc điện tử",
            unit="cơ sở",
            target=Decimal("480"),
            baseline=Decimal("210"),
            deadline=dt.date(2025, 6, 30),
            budget="own",
            focal_person=_HEALTH_DESK,
        ),
        ItemSpec(
            group="III",
            code="10",
            title=(
                "Duy trì khám bệnh, chữa bệnh bảo hiểm y tế bằng thẻ căn cước, ứng dụng VNeID tại "
                "100% cơ sở khám chữa bệnh; báo cáo số lượt khám hằng tháng"
            ),
            lead="SYT",
            coord=("BHXH", "CAT"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ lượt khám bảo hiểm y tế bằng thẻ căn cước, ứng dụng VNeID",
            unit="%",
            target=Decimal("100"),
            baseline=Decimal("85"),
            deadline=None,
            budget="own",
            focal_person=_HEALTH_DESK,
        ),
        ItemSpec(
            group="III",
            code="11",
            title=(
                "Chi trả trợ cấp xã hội, ưu đãi người có công không dùng tiền mặt đạt 90% số "
                "đối tượng"
            ),
            lead="SLDTBXH",
            coord=("NHNN", "BUUDIEN"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ đối tượng nhận chi trả qua tài khoản",
            unit="%",
            target=Decimal("90"),
            baseline=Decimal("72"),
            deadline=dt.date(2025, 12, 31),
            budget="own",
            focal_person="Đ/c Võ Thị Hằng, Phó Giám đốc Sở Lao động – Thương binh và Xã hội",
        ),
        ItemSpec(
            group="III",
            code="12",
            title=(
                "Triển khai hóa đơn điện tử khởi tạo từ máy tính tiền và thanh toán không dùng "
                "tiền mặt tại các chợ hạng I, hạng II"
            ),
            lead="SCT",
            coord=("NHNN", "CUCTHUE"),
            product_type="Kết quả triển khai",
            metric="Số chợ triển khai thanh toán không dùng tiền mặt",
            unit="chợ",
            target=Decimal("45"),
            baseline=Decimal("18"),
            deadline=dt.date(2025, 9, 30),
            budget="socialised",
            focal_person="Đ/c Đậu Văn Tiến, Phó Giám đốc Sở Công Thương",
        ),
        ItemSpec(
            group="IV",
            code="13",
            title=(
                "Thu nhận hồ sơ, kích hoạt tài khoản định danh điện tử mức 2 cho công dân trên "
                "địa bàn tỉnh đạt 2.400.000 tài khoản"
            ),
            lead="CAT",
            coord=("STTTT",),
            product_type="Kết quả triển khai",
            metric="Số tài khoản định danh điện tử mức 2 được kích hoạt",
            unit="tài khoản",
            target=Decimal("2400000"),
            baseline=Decimal("1850000"),
            deadline=dt.date(2025, 12, 31),
            budget="own",
            focal_person=_POLICE_RESIDENCE,
        ),
        ItemSpec(
            group="IV",
            code="14",
            title=(
                "Kiện toàn Tổ công nghệ số cộng đồng theo thôn, xóm, khối phố sau sắp xếp đơn vị "
                "hành chính cấp xã"
            ),
            lead="STTTT",
            coord=("CAT", "VNPT", "VIETTEL"),
            product_type="Kết quả triển khai",
            metric="Số Tổ công nghệ số cộng đồng được kiện toàn",
            unit="tổ",
            target=Decimal("3900"),
            baseline=None,
            deadline=dt.date(2025, 10, 31),
            budget="none",
            focal_person=(
                "Đ/c Trần Thị Thanh Hương, Trưởng phòng Công nghệ thông tin, Sở Thông tin và "
                "Truyền thông"
            ),
        ),
        ItemSpec(
            group="IV",
            code="15",
            title="Triển khai học bạ số cho học sinh tiểu học, trung học cơ sở trên toàn tỉnh",
            lead="SGDDT",
            coord=("CAT", "STTTT"),
            product_type="Cơ sở dữ liệu",
            metric="Tỷ lệ trường tiểu học, trung học cơ sở triển khai học bạ số",
            unit="%",
            target=Decimal("100"),
            baseline=Decimal("40"),
            deadline=dt.date(2025, 8, 31),
            budget="own",
            focal_person="Đ/c Thái Văn Long, Phó Giám đốc Sở Giáo dục và Đào tạo",
        ),
        ItemSpec(
            group="V",
            code="16",
            title=(
                "Cập nhật địa chỉ theo đơn vị hành chính mới cho dữ liệu dân cư của 130 xã, "
                "phường sau sắp xếp"
            ),
            lead="CAT",
            coord=("SNV",),
            product_type="Cơ sở dữ liệu",
            metric="Tỷ lệ hồ sơ dân cư được cập nhật địa chỉ mới",
            unit="%",
            target=Decimal("100"),
            baseline=None,
            deadline=dt.date(2025, 8, 31),
            budget="own",
            focal_person=_POLICE_RESIDENCE,
        ),
        ItemSpec(
            group="V",
            code="17",
            title=(
                "Làm sạch dữ liệu tiêm chủng, đồng bộ hồ sơ sức khỏe điện tử với Cơ sở dữ liệu "
                "quốc gia về dân cư"
            ),
            lead="SYT",
            coord=("CAT",),
            product_type="Cơ sở dữ liệu",
            metric="Tỷ lệ hồ sơ sức khỏe được xác thực số định danh cá nhân",
            unit="%",
            target=Decimal("95"),
            baseline=Decimal("70"),
            deadline=dt.date(2025, 12, 31),
            budget="own",
            focal_person=_HEALTH_HEAD,
        ),
        ItemSpec(
            group="V",
            code="18",
            title=(
                "Hoàn thành cơ sở dữ liệu đất đai của các huyện còn lại, kết nối với Cơ sở dữ "
                "liệu quốc gia về dân cư"
            ),
            lead="STNMT",
            coord=("CAT", "CUCTHUE"),
            product_type="Cơ sở dữ liệu",
            metric="Số huyện hoàn thành cơ sở dữ liệu đất đai",
            unit="huyện",
            target=Decimal("12"),
            baseline=Decimal("8"),
            deadline=dt.date(2025, 11, 30),
            budget="province",
            focal_person="Đ/c Lê Đình Khoa, Phó Giám đốc Sở Tài nguyên và Môi trường",
        ),
        ItemSpec(
            group="V",
            code="19",
            title=(
                "Xác thực thông tin người tham gia bảo hiểm xã hội, bảo hiểm y tế với Cơ sở dữ "
                "liệu quốc gia về dân cư đạt 99%"
            ),
            lead="BHXH",
            coord=("CAT",),
            product_type="Cơ sở dữ liệu",
            metric="Tỷ lệ người tham gia được xác thực",
            unit="%",
            target=Decimal("99"),
            baseline=Decimal("98"),
            deadline=dt.date(2025, 6, 30),
            budget="own",
            focal_person=(
                "Đ/c Phùng Văn Tâm, Trưởng phòng Công nghệ thông tin, Bảo hiểm xã hội tỉnh"
            ),
        ),
        ItemSpec(
            group="VI",
            code="20",
            title=(
                "Nâng cấp Trung tâm điều hành thông minh (IOC) tỉnh, tích hợp số liệu Đề án 06 "
                "của các xã, phường sau sắp xếp"
            ),
            lead="STTTT",
            coord=("CAT", "VP"),
            product_type="Hệ thống phần mềm",
            metric="Số xã, phường có số liệu trên IOC",
            unit="xã",
            target=Decimal("130"),
            baseline=None,
            deadline=dt.date(2025, 9, 30),
            budget="province",
            focal_person="Đ/c Đặng Quốc Huy, Phó Giám đốc Sở Thông tin và Truyền thông",
        ),
        ItemSpec(
            group="VI",
            code="21",
            title=(
                "Bố trí kinh phí thực hiện Đề án 06 năm 2025 cho các sở, ngành và địa phương "
                "sau sắp xếp"
            ),
            lead="STC",
            coord=("SKHDT", "STTTT"),
            product_type="Văn bản",
            metric="Quyết định giao dự toán kinh phí",
            unit="văn bản",
            target=Decimal("1"),
            baseline=None,
            deadline=dt.date(2025, 4, 30),
            budget="none",
            focal_person="Đ/c Nguyễn Xuân Lâm, Phó Giám đốc Sở Tài chính",
        ),
        ItemSpec(
            group="VI",
            code="22",
            title=(
                "Xây dựng kế hoạch triển khai Nghị quyết số 57-NQ/TW về đột phá phát triển khoa "
                "học, công nghệ, đổi mới sáng tạo và chuyển đổi số gắn với Đề án 06"
            ),
            lead="SKHCN",
            coord=("STTTT", "VP"),
            product_type="Văn bản",
            metric="Kế hoạch được UBND tỉnh ban hành",
            unit="văn bản",
            target=Decimal("1"),
            baseline=None,
            deadline=dt.date(2025, 3, 31),
            budget="none",
            focal_person="Đ/c Võ Trọng Phú, Phó Giám đốc Sở Khoa học và Công nghệ",
        ),
    ),
)

# Kế hoạch năm 2026: 14 departments and 130 communes, no districts (domain.md §6).
PLAN_2026 = PlanSpec(
    number="28/KH-UBND",
    issued_on=dt.date(2026, 1, 21),
    title="Tiếp tục triển khai Đề án 06 trên địa bàn tỉnh Nghệ An năm 2026 (minh họa)",
    groups=YEAR_GROUPS,
    items=(
        ItemSpec(
            group="I",
            code="1",
            title=(
                "Chuẩn hóa bộ thủ tục hành chính và quy trình nội bộ dùng chung cho 130 xã, "
                "phường theo mô hình chính quyền địa phương hai cấp"
            ),
            lead="SNV",
            coord=("STP", "VP"),
            product_type="Văn bản",
            metric="Số xã, phường áp dụng bộ quy trình dùng chung",
            unit="xã",
            target=Decimal("130"),
            baseline=None,
            deadline=dt.date(2026, 3, 31),
            budget="none",
            focal_person="Đ/c Chu Văn Bình, Phó Giám đốc Sở Nội vụ",
        ),
        ItemSpec(
            group="I",
            code="2",
            title=(
                "Tham mưu tổng kết Đề án 06 giai đoạn 2022 – 2025 và xây dựng kế hoạch triển khai "
                "giai đoạn 2026 – 2030 của tỉnh"
            ),
            lead="CAT",
            coord=("VP", "SNV"),
            product_type="Báo cáo",
            metric="Báo cáo tổng kết và kế hoạch giai đoạn mới",
            unit="văn bản",
            target=Decimal("2"),
            baseline=None,
            deadline=dt.date(2026, 3, 31),
            budget="none",
            focal_person=_POLICE_DEPUTY,
        ),
        ItemSpec(
            group="II",
            code="3",
            title=(
                "Nâng tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt "
                "tối thiểu 80%"
            ),
            lead="VP",
            coord=("SKHCN", "SNV"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình",
            unit="%",
            target=Decimal("80"),
            baseline=Decimal("62"),
            deadline=dt.date(2026, 12, 31),
            budget="own",
            focal_person=_SERVICE_CENTRE,
        ),
        ItemSpec(
            group="II",
            code="4",
            title=(
                "Tích hợp ký số từ xa, thanh toán trực tuyến trên Hệ thống thông tin giải quyết "
                "thủ tục hành chính tỉnh cho 100% dịch vụ công đủ điều kiện"
            ),
            lead="SKHCN",
            coord=("VP", "VNPT"),
            product_type="Hệ thống phần mềm",
            metric="Tỷ lệ dịch vụ công trực tuyến tích hợp ký số từ xa",
            unit="%",
            target=Decimal("100"),
            baseline=Decimal("30"),
            deadline=dt.date(2026, 6, 30),
            budget="province",
            focal_person="Đ/c Đặng Quốc Huy, Phó Giám đốc Sở Khoa học và Công nghệ",
        ),
        ItemSpec(
            group="II",
            code="5",
            title=(
                "Mô hình Bộ phận Một cửa phường “không giấy tờ”: số hóa, trả kết quả điện tử "
                "100% hồ sơ tại phường Thành Vinh"
            ),
            lead="16681",
            coord=("SKHCN", "CAT"),
            product_type="Mô hình đưa vào vận hành",
            metric="Tỷ lệ hồ sơ được tiếp nhận, trả kết quả điện tử",
            unit="%",
            target=Decimal("100"),
            baseline=Decimal("55"),
            deadline=dt.date(2026, 9, 30),
            budget="own",
            focal_person="Đ/c Nguyễn Thị Thu Hằng, Phó Chủ tịch UBND phường Thành Vinh",
        ),
        ItemSpec(
            group="II",
            code="6",
            title=(
                "Cấp phiếu lý lịch tư pháp, trích lục hộ tịch bản điện tử trên ứng dụng VNeID "
                "cho 90% hồ sơ"
            ),
            lead="STP",
            coord=("CAT", "BUUDIEN"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ hồ sơ được trả kết quả điện tử trên VNeID",
            unit="%",
            target=Decimal("90"),
            baseline=Decimal("70"),
            deadline=dt.date(2026, 9, 30),
            budget="own",
            focal_person="Đ/c Nguyễn Thị Hoài, Trưởng phòng Hành chính tư pháp, Sở Tư pháp",
        ),
        ItemSpec(
            group="III",
            code="7",
            title="Tạo lập sổ sức khỏe điện tử trên ứng dụng VNeID cho người dân trên địa bàn tỉnh",
            lead="SYT",
            coord=("CAT", "BHXH", "VNPT"),
            product_type="Cơ sở dữ liệu",
            metric="Tỷ lệ dân số có sổ sức khỏe điện tử",
            unit="%",
            target=Decimal("90"),
            baseline=Decimal("64"),
            deadline=dt.date(2026, 12, 31),
            budget="own",
            focal_person=_HEALTH_DESK,
        ),
        ItemSpec(
            group="III",
            code="8",
            title="Thanh toán viện phí không dùng tiền mặt tại 100% trạm y tế xã, phường",
            lead="SYT",
            coord=("NHNN", "BHXH"),
            product_type="Kết quả triển khai",
            metric="Số trạm y tế thanh toán không dùng tiền mặt",
            unit="trạm",
            target=Decimal("130"),
            baseline=Decimal("48"),
            deadline=dt.date(2026, 11, 30),
            budget="own",
            focal_person=_HEALTH_HEAD,
        ),
        ItemSpec(
            group="III",
            code="9",
            title=(
                "Liên thông giấy khám sức khỏe lái xe, giấy chứng sinh, giấy báo tử điện tử lên "
                "Cổng dữ liệu y tế; báo cáo số hồ sơ liên thông hằng tháng"
            ),
            lead="SYT",
            coord=("CAT", "SXD"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ hồ sơ được liên thông điện tử",
            unit="%",
            target=Decimal("100"),
            baseline=Decimal("90"),
            deadline=None,
            budget="own",
            focal_person=_HEALTH_DESK,
        ),
        ItemSpec(
            group="III",
            code="10",
            title=(
                "Tiếp nhận hồ sơ đăng ký đất đai trực tuyến, liên thông xác định nghĩa vụ tài "
                "chính tại 130 xã, phường"
            ),
            lead="SNNMT",
            coord=("CUCTHUE", "CAT"),
            product_type="Mô hình đưa vào vận hành",
            metric="Số xã, phường tiếp nhận hồ sơ đất đai trực tuyến",
            unit="xã",
            target=Decimal("130"),
            baseline=Decimal("40"),
            deadline=dt.date(2026, 10, 31),
            budget="own",
            focal_person="Đ/c Trịnh Văn Sơn, Giám đốc Văn phòng Đăng ký đất đai tỉnh",
        ),
        ItemSpec(
            group="III",
            code="11",
            title=(
                "Chi trả trợ cấp người có công, bảo trợ xã hội qua tài khoản ngân hàng đạt 95% "
                "số đối tượng"
            ),
            lead="SNV",
            coord=("NHNN", "BUUDIEN", "SYT"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ đối tượng nhận chi trả qua tài khoản",
            unit="%",
            target=Decimal("95"),
            baseline=Decimal("88"),
            deadline=dt.date(2026, 6, 30),
            budget="own",
            focal_person="Đ/c Võ Thị Hằng, Phó Giám đốc Sở Nội vụ",
        ),
        ItemSpec(
            group="IV",
            code="12",
            title=(
                "Kích hoạt tài khoản định danh điện tử mức 2 cho công dân từ đủ 14 tuổi trở lên "
                "đạt 95%"
            ),
            lead="CAT",
            coord=("SKHCN",),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ công dân từ đủ 14 tuổi có tài khoản định danh điện tử mức 2",
            unit="%",
            target=Decimal("95"),
            baseline=Decimal("86"),
            deadline=dt.date(2026, 12, 31),
            budget="own",
            focal_person=_POLICE_RESIDENCE,
        ),
        ItemSpec(
            group="IV",
            code="13",
            title=(
                "Phổ cập kỹ năng số cho người dân qua phong trào “Bình dân học vụ số” và các "
                "nền tảng học trực tuyến mở"
            ),
            lead="SKHCN",
            coord=("SGDDT", "VNPT", "VIETTEL"),
            product_type="Kết quả triển khai",
            metric="Số người hoàn thành khóa học kỹ năng số",
            unit="người",
            target=Decimal("500000"),
            baseline=Decimal("120000"),
            deadline=dt.date(2026, 12, 15),
            budget="own",
            focal_person=(
                "Đ/c Trần Thị Thanh Hương, Trưởng phòng Chuyển đổi số, Sở Khoa học và Công nghệ"
            ),
        ),
        ItemSpec(
            group="IV",
            code="14",
            title=(
                "Tuyển sinh đầu cấp trực tuyến tại 100% trường mầm non, tiểu học, trung học cơ sở"
            ),
            lead="SGDDT",
            coord=("CAT", "SKHCN"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ trường tuyển sinh trực tuyến",
            unit="%",
            target=Decimal("100"),
            baseline=Decimal("75"),
            deadline=dt.date(2026, 7, 31),
            budget="own",
            focal_person="Đ/c Phạm Thị Thu Trang, Chánh Văn phòng Sở Giáo dục và Đào tạo",
        ),
        ItemSpec(
            group="V",
            code="15",
            title=(
                "Làm giàu dữ liệu dân cư bằng dữ liệu y tế, giáo dục, an sinh xã hội của các sở, "
                "ngành"
            ),
            lead="CAT",
            coord=("SYT", "SGDDT", "SNV"),
            product_type="Cơ sở dữ liệu",
            metric="Số trường thông tin chuyên ngành được đồng bộ",
            unit="trường thông tin",
            target=Decimal("40"),
            baseline=Decimal("12"),
            deadline=dt.date(2026, 9, 30),
            budget="own",
            focal_person=(
                "Đ/c Hồ Sỹ Quang, Trưởng phòng Cảnh sát quản lý hành chính về trật tự xã hội, "
                "Công an tỉnh"
            ),
        ),
        ItemSpec(
            group="V",
            code="16",
            title=(
                "Kết nối hệ thống thông tin quản lý trạm y tế xã, phường với Cơ sở dữ liệu quốc "
                "gia về dân cư"
            ),
            lead="SYT",
            coord=("CAT", "BHXH"),
            product_type="Hệ thống phần mềm",
            metric="Số trạm y tế kết nối",
            unit="trạm",
            target=Decimal("130"),
            baseline=Decimal("20"),
            deadline=dt.date(2026, 8, 31),
            budget="province",
            focal_person=_HEALTH_HEAD,
        ),
        ItemSpec(
            group="V",
            code="17",
            title=(
                "Xây dựng cơ sở dữ liệu nhà ở và thị trường bất động sản, kết nối với Cơ sở dữ "
                "liệu quốc gia về dân cư"
            ),
            lead="SXD",
            coord=("CAT", "SNNMT"),
            product_type="Cơ sở dữ liệu",
            metric="Tỷ lệ dữ liệu nhà ở được số hóa, kết nối",
            unit="%",
            target=Decimal("100"),
            baseline=None,
            deadline=dt.date(2026, 12, 31),
            budget="province",
            focal_person="Đ/c Phan Đình Quân, Phó Giám đốc Sở Xây dựng",
        ),
        ItemSpec(
            group="VI",
            code="18",
            title=(
                "Đưa Trung tâm điều hành thông minh (IOC) tỉnh giai đoạn 2 vào vận hành, kết nối "
                "camera và số liệu của 130 xã, phường"
            ),
            lead="SKHCN",
            coord=("CAT", "VP", "VNPT"),
            product_type="Hệ thống phần mềm",
            metric="Số xã, phường kết nối với IOC giai đoạn 2",
            unit="xã",
            target=Decimal("130"),
            baseline=Decimal("45"),
            deadline=dt.date(2026, 10, 31),
            budget="province",
            focal_person="Đ/c Đặng Quốc Huy, Phó Giám đốc Sở Khoa học và Công nghệ",
        ),
        ItemSpec(
            group="VI",
            code="19",
            title=(
                "Giám sát an toàn thông tin (SOC) cho các hệ thống thông tin phục vụ Đề án 06, "
                "ứng cứu kịp thời sự cố"
            ),
            lead="SKHCN",
            coord=("CAT", "VIETTEL"),
            product_type="Kết quả triển khai",
            metric="Tỷ lệ sự cố được xử lý trong 24 giờ",
            unit="%",
            target=Decimal("100"),
            baseline=None,
            deadline=None,
            budget="own",
            focal_person=(
                "Đ/c Trần Thị Thanh Hương, Trưởng phòng Chuyển đổi số, Sở Khoa học và Công nghệ"
            ),
        ),
        ItemSpec(
            group="VI",
            code="20",
            title=(
                "Thanh tra, kiểm tra việc thực hiện Đề án 06 tại các sở, ngành và UBND các xã, "
                "phường"
            ),
            lead="TTT",
            coord=("CAT", "SNV"),
            product_type="Báo cáo",
            metric="Số đơn vị được thanh tra, kiểm tra",
            unit="đơn vị",
            target=Decimal("25"),
            baseline=None,
            deadline=dt.date(2026, 11, 30),
            budget="none",
            focal_person="Đ/c Nguyễn Hữu Lộc, Phó Chánh Thanh tra tỉnh",
        ),
        ItemSpec(
            group="VI",
            code="21",
            title=(
                "Bố trí kinh phí thực hiện Đề án 06 và chuyển đổi số năm 2026 trong dự toán ngân "
                "sách tỉnh"
            ),
            lead="STC",
            coord=("SKHCN", "KHOBAC"),
            product_type="Văn bản",
            metric="Quyết định giao dự toán kinh phí",
            unit="văn bản",
            target=Decimal("1"),
            baseline=None,
            deadline=dt.date(2026, 2, 28),
            budget="none",
            focal_person="Đ/c Trương Thị Yến, Trưởng phòng Quản lý ngân sách, Sở Tài chính",
        ),
    ),
)

YEAR_PLANS: tuple[PlanSpec, ...] = (PLAN_2025, PLAN_2026)
