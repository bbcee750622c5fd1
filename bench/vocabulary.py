"""Word lists and sentence templates of the synthetic corpus (bench/corpus.py).

Data only. Every topic speaks the shared reform register (GENERIC, LEADS,
CLOSINGS) and has its own terms; the topics overlap on purpose ("thủ tục",
"hồ sơ" everywhere, "trực tuyến" in 2 and 6, "đăng ký" in 0 and 1, "đất đai"
in 0 and 5, "vị trí việc làm" in 3 and 7) so that keyword matching is not
trivially right. Slots in templates, filled by corpus.py:
{agency} publishing body · {place} its commune/ward in prose (a random one
for city departments) · {where} the unit in titles and summaries, {subject}
the same with a capital letter · {home} a random commune · {term} a phrase of the sentence's
topic · {year} · {quarter} "quý II/2023" · {date} · {n} small count · {big}
large count "14.500" · {pct} "92,5%" · {score} "87,45" · {rank} "3/12" ·
{male}/{female} given names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    category: str  # reform area of pelicanconf.FRONT_MATTER_CATEGORIES
    nouns: tuple[str, ...]  # multi-syllable phrases: titles and {term}
    actions: tuple[str, ...]  # verb phrases: titles and leads
    sentences: tuple[str, ...]
    tags: tuple[str, ...]
    units: tuple[str, ...] = ()  # the city departments in charge (they write about it)


NEWS = "Tin tức - Sự kiện"
CAT_INSTITUTIONS = "Cải cách thể chế"
CAT_PROCEDURES = "Cải cách thủ tục hành chính"
CAT_ORGANISATION = "Cải cách tổ chức bộ máy hành chính nhà nước"
CAT_CIVIL_SERVICE = "Cải cách chế độ công vụ"
CAT_FINANCE = "Cải cách tài chính công"
CAT_DIGITAL = "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"
CAT_DIRECTION = "Công tác chỉ đạo, điều hành cải cách hành chính"
CATEGORIES = (CAT_INSTITUTIONS, CAT_PROCEDURES, CAT_ORGANISATION, CAT_CIVIL_SERVICE, CAT_FINANCE,
              CAT_DIGITAL, CAT_DIRECTION, NEWS)

# Communes and wards of thành phố Cao Lãnh: (unit as in front matter, place in prose).
COMMUNES = (
    ("UBND phường 1", "Phường 1"), ("UBND phường 3", "Phường 3"), ("UBND phường 4", "Phường 4"),
    ("UBND phường 6", "Phường 6"), ("UBND phường 11", "Phường 11"), ("UBND phường Mỹ Phú", "phường Mỹ Phú"),
    ("UBND phường Hòa Thuận", "phường Hòa Thuận"), ("UBND xã Mỹ Ngãi", "xã Mỹ Ngãi"),
    ("UBND xã Mỹ Tân", "xã Mỹ Tân"), ("UBND xã Mỹ Trà", "xã Mỹ Trà"),
    ("UBND xã Tân Thuận Đông", "xã Tân Thuận Đông"), ("UBND xã Tân Thuận Tây", "xã Tân Thuận Tây"),
    ("UBND xã Hòa An", "xã Hòa An"), ("UBND xã Tịnh Thới", "xã Tịnh Thới"),
)
CITY = ("UBND thành phố Cao Lãnh", "thành phố Cao Lãnh")
AUTHORS = ("Mi Lê", "Trần Minh Khoa", "Phạm Quốc Việt", "Nguyễn Thanh Tâm", "Lê Thị Ngọc Hân",
           "Võ Hoàng Phúc", "Đặng Thị Kim Ngân", "Huỳnh Văn Lợi", "Nguyễn Thị Mỹ Duyên", "Trương Công Danh")
MALE_NAMES = ("Hùng", "Phúc", "Tuấn", "Dũng", "Minh", "Lộc", "Thành", "Hải")
FEMALE_NAMES = ("Lan", "Mai", "Hoa", "Thảo", "Ngọc", "Hương", "Diễm", "Trang")

TOPICS = (
    Topic(  # 0
        "Đất đai", CAT_PROCEDURES,
        nouns=("đăng ký đất đai", "cấp giấy chứng nhận quyền sử dụng đất", "đăng ký biến động đất đai",
               "chỉnh lý hồ sơ địa chính", "chuyển mục đích sử dụng đất"),
        actions=("đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất",
                 "rút ngắn thời gian giải quyết hồ sơ đăng ký đất đai", "giải quyết dứt điểm hồ sơ đất đai tồn đọng",
                 "tập huấn nghiệp vụ đăng ký biến động đất đai", "cập nhật, chỉnh lý hồ sơ địa chính"),
        sentences=(
            "Trong {quarter}, Chi nhánh Văn phòng Đăng ký đất đai thành phố tiếp nhận {big} hồ sơ đăng ký đất đai, trong đó có {n} hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu.",
            "Thời gian giải quyết thủ tục đăng ký biến động đất đai được rút ngắn còn {n} ngày làm việc, ít hơn thời hạn quy định.",
            "Công chức địa chính {place} phối hợp với ban nhân dân ấp, khóm rà soát nguồn gốc sử dụng đất của {n} thửa đất chưa được cấp giấy chứng nhận.",
            "Nhiều hồ sơ đất đai bị trễ hạn do phải xác minh nguồn gốc đất, ranh giới thửa đất còn tranh chấp hoặc người sử dụng đất chưa hoàn thành nghĩa vụ tài chính.",
            "Việc đo đạc, chỉnh lý bản đồ địa chính và cập nhật cơ sở dữ liệu đất đai được thực hiện thường xuyên, bảo đảm hồ sơ giấy và hồ sơ điện tử thống nhất.",
            "Người dân có nhu cầu chuyển mục đích sử dụng đất, tách thửa, hợp thửa được công chức hướng dẫn đầy đủ thành phần hồ sơ ngay từ lần đầu.",
            "Đến ngày {date}, tỷ lệ diện tích đất đủ điều kiện đã được cấp giấy chứng nhận quyền sử dụng đất trên địa bàn đạt {pct}.",
            "Các quy định mới của pháp luật về đất đai đặt ra yêu cầu sửa đổi quy trình nội bộ giải quyết thủ tục hành chính về đất đai cho phù hợp.",
            "Phòng Tài nguyên và Môi trường thành phố niêm yết công khai thủ tục đăng ký đất đai, lệ phí và thời hạn giải quyết tại Bộ phận Tiếp nhận và Trả kết quả.",
            "Ông Nguyễn Văn {male}, ngụ {home}, cho biết hồ sơ đăng ký thế chấp quyền sử dụng đất của gia đình được giải quyết trước hẹn {n} ngày.",
            "Đối với hồ sơ đất đai trễ hạn, cơ quan giải quyết đã gửi văn bản xin lỗi và hẹn lại thời gian trả kết quả cho người sử dụng đất.",
            "Việc giải quyết hồ sơ đất đai còn chậm ở một số xã do thiếu công chức địa chính, trong khi số hồ sơ đăng ký tăng cao vào cuối năm.",
        ),
        tags=("đất đai", "giấy chứng nhận quyền sử dụng đất", "đăng ký đất đai", "địa chính"),
        units=("Phòng Tài nguyên và Môi trường thành phố",),
    ),
    Topic(  # 1
        "Hộ tịch", CAT_PROCEDURES,
        nouns=("đăng ký hộ tịch", "đăng ký khai sinh", "liên thông thủ tục đăng ký khai sinh",
               "chứng thực bản sao từ bản chính", "số hóa sổ hộ tịch"),
        actions=("đẩy mạnh liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế",
                 "số hóa sổ hộ tịch lưu trữ", "nâng cao chất lượng đăng ký và quản lý hộ tịch",
                 "tập huấn nghiệp vụ hộ tịch, chứng thực cho công chức cấp xã",
                 "thực hiện liên thông thủ tục đăng ký khai tử, xóa đăng ký thường trú"),
        sentences=(
            "Công chức Tư pháp - Hộ tịch {place} tiếp nhận {n} hồ sơ đăng ký khai sinh, {n} hồ sơ đăng ký kết hôn và {n} hồ sơ đăng ký khai tử trong {quarter}.",
            "Nhóm thủ tục liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi giúp người dân chỉ phải nộp một bộ hồ sơ.",
            "Dữ liệu hộ tịch được cập nhật đầy đủ vào Cơ sở dữ liệu hộ tịch điện tử, bảo đảm kết nối với Cơ sở dữ liệu quốc gia về dân cư.",
            "Việc số hóa sổ hộ tịch lưu trữ từ năm 1975 đến nay đã hoàn thành {pct} khối lượng, giúp tra cứu và cấp bản sao trích lục nhanh chóng.",
            "Ủy ban nhân dân các xã, phường đã chứng thực bản sao từ bản chính {big} trang giấy tờ, không để xảy ra sai sót.",
            "Trường hợp đăng ký khai sinh quá hạn hoặc đăng ký lại khai sinh được công chức hộ tịch hướng dẫn cụ thể giấy tờ cần chuẩn bị.",
            "Bà Trần Thị {female}, ngụ {home}, cho biết chỉ sau {n} ngày làm thủ tục, gia đình đã nhận giấy khai sinh và thẻ bảo hiểm y tế của cháu tại nhà.",
            "Phòng Tư pháp thành phố kiểm tra công tác đăng ký, quản lý hộ tịch tại {n} xã, phường, kịp thời chấn chỉnh sai sót trong ghi sổ hộ tịch.",
            "Việc liên thông thủ tục giữa Công an, Bảo hiểm xã hội và Ủy ban nhân dân cấp xã giúp người dân giảm thời gian đi lại và chi phí.",
            "Tỷ lệ trẻ em dưới 1 tuổi được đăng ký khai sinh đúng hạn trên địa bàn {place} đạt {pct}.",
            "Việc đăng ký kết hôn, cấp giấy xác nhận tình trạng hôn nhân được thực hiện đúng trình tự của Luật Hộ tịch.",
            "Sổ hộ tịch, sổ chứng thực được ghi chép đầy đủ, lưu trữ cẩn thận; không có khiếu nại về việc giải quyết thủ tục hộ tịch.",
        ),
        tags=("hộ tịch", "đăng ký khai sinh", "liên thông thủ tục", "chứng thực"),
        units=("Phòng Tư pháp thành phố",),
    ),
    Topic(  # 2
        "Dịch vụ công trực tuyến", CAT_PROCEDURES,
        nouns=("dịch vụ công trực tuyến", "thanh toán trực tuyến phí, lệ phí", "tiếp nhận hồ sơ trực tuyến",
               "dịch vụ bưu chính công ích", "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
        actions=("nâng tỷ lệ hồ sơ nộp trực tuyến", "hướng dẫn người dân nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
                 "triển khai thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
                 "ra mắt tổ hỗ trợ người dân nộp hồ sơ trực tuyến",
                 "đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
        sentences=(
            "Trong {quarter}, tỷ lệ hồ sơ nộp trực tuyến tại {place} đạt {pct}, tăng khá so với cùng kỳ năm trước.",
            "Hiện nay, {agency} đã cung cấp {n} dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia.",
            "Người dân có thể nộp hồ sơ trực tuyến, theo dõi tiến độ giải quyết và nhận kết quả qua dịch vụ bưu chính công ích mà không phải đến trụ sở.",
            "Việc thanh toán trực tuyến phí, lệ phí qua Cổng Dịch vụ công quốc gia và mã QR giúp người dân tiết kiệm thời gian, hạn chế dùng tiền mặt.",
            "Tổ hỗ trợ tại Bộ phận Tiếp nhận và Trả kết quả đã hướng dẫn {n} lượt người dân tạo tài khoản, kê khai và nộp hồ sơ trực tuyến.",
            "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt {pct}, tạo điều kiện tái sử dụng dữ liệu, không yêu cầu người dân nộp lại giấy tờ.",
            "Một số dịch vụ công trực tuyến còn ít phát sinh hồ sơ do người dân chưa quen thao tác, đường truyền có lúc chậm và hệ thống thông tin còn lỗi.",
            "Hồ sơ trực tuyến được công chức tiếp nhận, xử lý trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, bảo đảm đúng quy trình.",
            "Từ đầu năm {year} đến nay, {agency} tiếp nhận {big} hồ sơ trực tuyến, trong đó {pct} được giải quyết trước và đúng hạn.",
            "Mỗi cán bộ, công chức được giao hướng dẫn người thân, gia đình sử dụng dịch vụ công trực tuyến và thanh toán trực tuyến.",
            "Nhiều thủ tục như cấp bản sao trích lục, đăng ký hộ kinh doanh, chứng thực điện tử được người dân chọn nộp trực tuyến.",
            "Kết quả giải quyết hồ sơ trực tuyến được trả qua dịch vụ bưu chính công ích đến tận nhà theo yêu cầu của người dân.",
        ),
        tags=("dịch vụ công trực tuyến", "thanh toán trực tuyến", "bưu chính công ích", "số hóa hồ sơ"),
        units=("Văn phòng HĐND và UBND thành phố",),
    ),
    Topic(  # 3
        "Tổ chức bộ máy", CAT_ORGANISATION,
        nouns=("tinh giản biên chế", "đề án vị trí việc làm", "sắp xếp tổ chức bộ máy",
               "sắp xếp đơn vị hành chính cấp xã", "kiện toàn các cơ quan chuyên môn"),
        actions=("xây dựng lại đề án vị trí việc làm", "thực hiện tinh giản biên chế theo lộ trình",
                 "sắp xếp, tinh gọn tổ chức bộ máy các cơ quan chuyên môn",
                 "rà soát phương án sắp xếp đơn vị hành chính cấp xã",
                 "kiện toàn tổ chức, bố trí cán bộ, công chức cấp xã"),
        sentences=(
            "Trong năm {year}, thành phố thực hiện tinh giản biên chế {n} trường hợp, đúng lộ trình theo kế hoạch được phê duyệt.",
            "Các cơ quan chuyên môn đã xây dựng, điều chỉnh đề án vị trí việc làm, xác định rõ bản mô tả công việc và khung năng lực của từng vị trí.",
            "Việc sắp xếp tổ chức bộ máy bảo đảm tinh gọn, hoạt động hiệu lực, hiệu quả, giảm đầu mối bên trong các cơ quan, đơn vị.",
            "Số lượng cán bộ, công chức cấp xã được bố trí theo vị trí việc làm, không vượt quá số lượng được giao.",
            "Phòng Nội vụ thành phố đã rà soát cơ cấu ngạch công chức, chức danh nghề nghiệp viên chức tại {n} cơ quan, đơn vị.",
            "Phương án sắp xếp đơn vị hành chính cấp xã được lấy ý kiến cử tri, với {pct} cử tri đồng ý.",
            "Sau sắp xếp, thành phố giảm {n} đầu mối phòng, ban và {n} chức danh lãnh đạo cấp phòng.",
            "Chế độ, chính sách đối với người nghỉ hưu trước tuổi, thôi việc do sắp xếp bộ máy được giải quyết kịp thời, đúng quy định.",
            "Việc kiện toàn chức năng, nhiệm vụ, quyền hạn của các phòng chuyên môn khắc phục tình trạng chồng chéo, bỏ sót nhiệm vụ.",
            "Một số đơn vị còn lúng túng khi xác định vị trí việc làm, chưa gắn tinh giản biên chế với cơ cấu lại đội ngũ cán bộ, công chức.",
            "Cán bộ, công chức dôi dư sau sắp xếp được bố trí, phân công công tác phù hợp với năng lực, sở trường.",
            "Biên chế công chức năm {year} của thành phố giảm {n} chỉ tiêu so với năm trước, vượt mục tiêu tinh giản biên chế của tỉnh.",
        ),
        tags=("tinh giản biên chế", "vị trí việc làm", "sắp xếp bộ máy", "đơn vị hành chính"),
        units=("Phòng Nội vụ thành phố",),
    ),
    Topic(  # 4
        "Tài chính công", CAT_FINANCE,
        nouns=("cơ chế tự chủ tài chính", "tự chủ của đơn vị sự nghiệp công lập", "giải ngân vốn đầu tư công",
               "tiết kiệm chi thường xuyên", "quản lý, sử dụng tài sản công"),
        actions=("đẩy mạnh cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập",
                 "đẩy nhanh tiến độ giải ngân vốn đầu tư công", "thực hành tiết kiệm chi thường xuyên",
                 "giao quyền tự chủ cho các đơn vị sự nghiệp công lập", "tăng cường quản lý, sử dụng tài sản công"),
        sentences=(
            "Đến nay, thành phố có {n} đơn vị sự nghiệp công lập tự bảo đảm một phần chi thường xuyên và {n} đơn vị tự bảo đảm toàn bộ chi thường xuyên.",
            "Các đơn vị sự nghiệp công lập đã xây dựng quy chế chi tiêu nội bộ, công khai dự toán và quyết toán ngân sách theo quy định.",
            "Đến ngày {date}, tỷ lệ giải ngân vốn đầu tư công của thành phố đạt {pct} kế hoạch vốn được giao.",
            "Các chủ đầu tư được yêu cầu đẩy nhanh tiến độ thi công, hoàn thiện hồ sơ thanh toán, không để dồn khối lượng vào cuối năm.",
            "Việc thực hiện cơ chế tự chủ tài chính giúp các đơn vị sự nghiệp công lập chủ động nguồn thu, nâng cao chất lượng dịch vụ sự nghiệp công.",
            "{agency} đã tiết kiệm chi thường xuyên {big} triệu đồng để bổ sung nguồn lực cho các nhiệm vụ cấp bách.",
            "Thu nhập tăng thêm của viên chức được chi trả từ nguồn tiết kiệm chi, tạo động lực nâng cao hiệu quả công việc.",
            "Một số dự án chậm giải ngân do vướng mắc trong bồi thường, giải phóng mặt bằng và điều chỉnh hồ sơ thiết kế.",
            "Cơ quan tài chính tăng cường kiểm tra việc quản lý, sử dụng tài sản công và kinh phí tự chủ của các cơ quan hành chính.",
            "Các trường học, trạm y tế đẩy mạnh thu học phí, viện phí bằng hình thức thanh toán không dùng tiền mặt.",
            "Phòng Tài chính - Kế hoạch thành phố hướng dẫn các đơn vị sự nghiệp công lập xây dựng phương án tự chủ tài chính cho giai đoạn ổn định mới.",
            "Tổng vốn đầu tư công năm {year} của thành phố là {big} triệu đồng, tập trung cho giao thông nông thôn, trường học và chỉnh trang đô thị.",
        ),
        tags=("tự chủ tài chính", "đầu tư công", "đơn vị sự nghiệp công lập", "thanh toán không dùng tiền mặt"),
        units=("Phòng Tài chính - Kế hoạch thành phố",),
    ),
    Topic(  # 5
        "Văn bản quy phạm pháp luật", CAT_INSTITUTIONS,
        nouns=("rà soát văn bản quy phạm pháp luật", "kiểm tra văn bản", "hệ thống hóa văn bản quy phạm pháp luật",
               "phổ biến, giáo dục pháp luật", "theo dõi tình hình thi hành pháp luật"),
        actions=("tổ chức rà soát văn bản quy phạm pháp luật", "tăng cường kiểm tra văn bản quy phạm pháp luật",
                 "tập huấn kỹ năng soạn thảo, kiểm tra văn bản", "đẩy mạnh phổ biến, giáo dục pháp luật",
                 "hệ thống hóa văn bản quy phạm pháp luật"),
        sentences=(
            "Trong {quarter}, Phòng Tư pháp thành phố tự kiểm tra {n} văn bản quy phạm pháp luật do Hội đồng nhân dân, Ủy ban nhân dân thành phố ban hành.",
            "Qua rà soát, các cơ quan kiến nghị sửa đổi, bổ sung {n} văn bản và bãi bỏ {n} văn bản không còn phù hợp với thực tiễn.",
            "Công tác kiểm tra văn bản được thực hiện thường xuyên, kịp thời phát hiện văn bản có nội dung trái pháp luật hoặc sai thẩm quyền ban hành.",
            "Kết quả hệ thống hóa văn bản quy phạm pháp luật được công bố kèm danh mục văn bản còn hiệu lực, hết hiệu lực toàn bộ hoặc một phần.",
            "Quy trình xây dựng, ban hành văn bản quy phạm pháp luật được thực hiện đúng luật, có lấy ý kiến của đối tượng chịu tác động.",
            "Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố tổ chức {n} cuộc tuyên truyền pháp luật với hơn {big} lượt người tham dự.",
            "Công chức tư pháp cấp xã được tập huấn kỹ năng soạn thảo, thẩm định và kiểm tra văn bản quy phạm pháp luật.",
            "Việc theo dõi tình hình thi hành pháp luật tập trung vào các lĩnh vực đất đai, xây dựng và bảo vệ môi trường.",
            "Qua kiểm tra, chưa phát hiện văn bản quy phạm pháp luật trái pháp luật; một số văn bản còn sai sót về thể thức, kỹ thuật trình bày.",
            "Các văn bản quy phạm pháp luật sau khi ban hành được đăng tải trên trang thông tin điện tử và niêm yết công khai tại trụ sở.",
            "Những quy định, thủ tục còn bất cập được tổng hợp, kiến nghị cơ quan có thẩm quyền sửa đổi, bổ sung cho phù hợp thực tế.",
            "Ngày {date}, Ủy ban nhân dân thành phố ban hành quyết định công bố danh mục {n} văn bản quy phạm pháp luật hết hiệu lực.",
        ),
        tags=("văn bản quy phạm pháp luật", "kiểm tra văn bản", "phổ biến pháp luật", "rà soát văn bản"),
        units=("Phòng Tư pháp thành phố",),
    ),
    Topic(  # 6
        "Chuyển đổi số", CAT_DIGITAL,
        nouns=("chuyển đổi số", "Đề án 06", "định danh điện tử", "tổ công nghệ số cộng đồng", "ứng dụng chữ ký số"),
        actions=("ra mắt tổ công nghệ số cộng đồng tại các ấp, khóm",
                 "đẩy mạnh cấp và kích hoạt tài khoản định danh điện tử", "triển khai Đề án 06 của Chính phủ",
                 "hưởng ứng Ngày Chuyển đổi số quốc gia", "tập huấn kỹ năng số cho người dân"),
        sentences=(
            "Tổ công nghệ số cộng đồng tại {n} ấp, khóm đến từng hộ gia đình hướng dẫn người dân cài đặt ứng dụng VNeID và các nền tảng số.",
            "Đến ngày {date}, trên địa bàn có {pct} công dân đủ điều kiện được cấp tài khoản định danh điện tử mức độ 2.",
            "Thực hiện Đề án 06, Công an {place} phối hợp với các ngành làm sạch dữ liệu dân cư, bảo đảm dữ liệu đúng, đủ, sạch, sống.",
            "Toàn bộ văn bản trao đổi giữa các cơ quan hành chính được gửi, nhận dưới dạng điện tử và ký số trên hệ thống quản lý văn bản.",
            "Người dân dùng tài khoản định danh điện tử để đăng nhập, thực hiện dịch vụ công trực tuyến mà không cần đăng ký thêm tài khoản khác.",
            "Hạ tầng số tiếp tục được đầu tư; sóng di động và internet cáp quang đã phủ khắp các ấp, khóm.",
            "{agency} tổ chức lớp tập huấn kỹ năng số cho {n} thành viên tổ công nghệ số cộng đồng.",
            "Hưởng ứng Ngày Chuyển đổi số quốc gia, các xã, phường ra quân hướng dẫn người dân thanh toán không dùng tiền mặt và giao dịch trực tuyến.",
            "Chữ ký số đã được cấp cho {n} cán bộ, công chức, bảo đảm xử lý hồ sơ công việc trên môi trường mạng.",
            "Một bộ phận người cao tuổi chưa dùng điện thoại thông minh, còn e ngại lộ lọt thông tin cá nhân khi kích hoạt định danh điện tử.",
            "Ban Chỉ đạo chuyển đổi số thành phố ban hành kế hoạch chuyển đổi số năm {year} với {n} nhiệm vụ trọng tâm.",
            "Việc khai thác Cơ sở dữ liệu quốc gia về dân cư giúp cắt giảm yêu cầu nộp bản sao giấy tờ khi giải quyết thủ tục trực tuyến.",
        ),
        tags=("chuyển đổi số", "Đề án 06", "định danh điện tử", "tổ công nghệ số cộng đồng"),
        units=("Phòng Văn hóa và Thông tin thành phố",),
    ),
    Topic(  # 7
        "Chỉ số cải cách hành chính", CAT_DIRECTION,
        nouns=("Chỉ số cải cách hành chính (PAR INDEX)", "Chỉ số hài lòng (SIPAS)", "khảo sát sự hài lòng của người dân",
               "tự đánh giá, chấm điểm chỉ số cải cách hành chính", "tài liệu kiểm chứng chỉ số cải cách hành chính"),
        actions=("khảo sát sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
                 "khắc phục tiêu chí bị trừ điểm trong Chỉ số cải cách hành chính",
                 "tự đánh giá, chấm điểm chỉ số cải cách hành chính", "nâng cao Chỉ số hài lòng về sự phục vụ hành chính",
                 "công bố kết quả đánh giá chỉ số cải cách hành chính"),
        sentences=(
            "Năm {year}, Chỉ số cải cách hành chính (PAR INDEX) của thành phố đạt {score} điểm, xếp hạng {rank} huyện, thành phố của tỉnh.",
            "Kết quả khảo sát sự hài lòng của người dân (SIPAS) cho thấy {pct} người được hỏi hài lòng với thái độ phục vụ của công chức.",
            "Các cơ quan đã tự đánh giá, chấm điểm theo bộ tiêu chí và cung cấp đầy đủ tài liệu kiểm chứng đúng thời hạn.",
            "Thành phố phân tích nguyên nhân các tiêu chí, tiêu chí thành phần bị trừ điểm để xây dựng kế hoạch khắc phục.",
            "Phiếu khảo sát được phát ngẫu nhiên cho {n} người dân đến giao dịch tại Bộ phận Tiếp nhận và Trả kết quả.",
            "Ý kiến của người dân tập trung vào việc niêm yết công khai thủ tục, thời gian chờ đợi và cách ứng xử của công chức.",
            "Chỉ số hài lòng về sự phục vụ hành chính của thành phố tăng {n} điểm phần trăm so với năm trước.",
            "Kết quả chỉ số cải cách hành chính là căn cứ để đánh giá mức độ hoàn thành nhiệm vụ của người đứng đầu và xét vị trí việc làm lãnh đạo.",
            "Điểm thẩm định của Hội đồng thẩm định tỉnh thấp hơn điểm tự đánh giá {n} điểm, chủ yếu ở các tiêu chí thiếu tài liệu kiểm chứng.",
            "{agency} duy trì hòm thư góp ý, đường dây nóng và mã QR để người dân đánh giá mức độ hài lòng sau khi nhận kết quả.",
            "Các tiêu chí điều tra xã hội học chiếm tỷ trọng lớn trong tổng điểm chỉ số cải cách hành chính.",
            "Thành phố đặt mục tiêu năm {year} có chỉ số hài lòng đạt trên {pct} và giữ vị trí nhóm đầu của tỉnh.",
        ),
        tags=("PAR INDEX", "SIPAS", "khảo sát sự hài lòng", "chỉ số cải cách hành chính"),
        units=("Văn phòng HĐND và UBND thành phố", "Phòng Nội vụ thành phố"),
    ),
)

# Topics that share vocabulary in real news (land registration and civil status both
# "đăng ký"; online services and digital transformation both "trực tuyến"…):
# most off-topic sentences of an article come from its first close topic.
CLOSE_TOPICS = ((1, 5), (0, 6), (6, 1), (4, 7), (3, 2), (0, 3), (2, 1), (2, 3))

# Tags shared by every topic (they say nothing about it).
GENERIC_TAGS = ("một cửa", "báo cáo quý", "kế hoạch cải cách hành chính", "tuyên truyền", "báo cáo năm",
                "hội nghị", "kiểm tra công vụ")

# The shared register; {term} is a phrase of the article's own topic.
GENERIC = (
    "Thực hiện Kế hoạch cải cách hành chính năm {year}, {agency} đã chỉ đạo các cơ quan, đơn vị triển khai đồng bộ các nhiệm vụ về {term}.",
    "Công tác cải cách hành chính tiếp tục được cấp ủy, chính quyền quan tâm chỉ đạo, gắn với trách nhiệm của người đứng đầu cơ quan, đơn vị.",
    "Đội ngũ cán bộ, công chức nêu cao tinh thần trách nhiệm, tận tình hướng dẫn người dân, doanh nghiệp khi đến liên hệ giải quyết thủ tục hành chính.",
    "Ủy ban nhân dân thành phố đã ban hành {n} kế hoạch, văn bản chỉ đạo để triển khai nhiệm vụ cải cách hành chính trong {quarter}.",
    "Kết quả thực hiện {term} được đưa vào tiêu chí bình xét thi đua cuối năm của các cơ quan, địa phương.",
    "Bên cạnh kết quả đạt được, công tác tuyên truyền chưa sâu rộng, một bộ phận người dân chưa nắm rõ quy định về {term}.",
    "Các cơ quan, đơn vị đã lồng ghép nội dung cải cách hành chính vào cuộc họp giao ban định kỳ hằng tháng.",
    "Theo báo cáo của {agency}, đến ngày {date}, các chỉ tiêu chủ yếu về {term} đều đạt và vượt kế hoạch đề ra.",
    "Người dân đánh giá cao sự chuyển biến trong thái độ phục vụ của cán bộ, công chức tại Bộ phận Tiếp nhận và Trả kết quả.",
    "Công tác thông tin, tuyên truyền về cải cách hành chính được đẩy mạnh trên hệ thống truyền thanh cơ sở và trang thông tin điện tử.",
    "Trong {quarter}, {agency} tiếp nhận {big} hồ sơ thủ tục hành chính, tỷ lệ giải quyết đúng hạn đạt {pct}.",
    "Ngày {date}, {agency} tổ chức hội nghị sơ kết, đánh giá kết quả triển khai {term} và bàn giải pháp cho thời gian tới.",
    "Lãnh đạo Ủy ban nhân dân thành phố yêu cầu các cơ quan khẩn trương khắc phục hạn chế, hoàn thành các nhiệm vụ trọng tâm năm {year}.",
    "Nhiều cách làm hay về {term} đã được các xã, phường chia sẻ, nhân rộng trong toàn thành phố.",
)
LEADS = (
    "Thực hiện Kế hoạch cải cách hành chính năm {year}, {agency} đã {action}.",
    "Nhằm nâng cao hiệu quả cải cách hành chính, thời gian qua {agency} tập trung {action}.",
    "Trong {quarter}, {agency} tiếp tục {action}, bước đầu mang lại kết quả tích cực.",
    "Xác định {noun} là nhiệm vụ trọng tâm của năm {year}, {agency} đã chủ động {action}.",
    "Thời gian qua, {agency} đã {action}, góp phần phục vụ người dân, doanh nghiệp ngày càng tốt hơn.",
)
CLOSINGS = (
    "Thời gian tới, {agency} sẽ tiếp tục chỉ đạo quyết liệt, phấn đấu hoàn thành các chỉ tiêu về {term} trong năm {year}.",
    "Để nâng cao hiệu quả, {agency} đề nghị các cơ quan, đơn vị phối hợp chặt chẽ, báo cáo kết quả về Phòng Nội vụ thành phố trước ngày {date}.",
    "Mục tiêu đặt ra là nâng cao sự hài lòng của người dân, góp phần cải thiện Chỉ số cải cách hành chính của thành phố năm {year}.",
    "{agency} cũng kiến nghị cấp trên quan tâm bổ sung nguồn lực, tạo điều kiện để địa phương thực hiện tốt {term}.",
    "Thời gian tới, {agency} tiếp tục tăng cường kiểm tra, đôn đốc, kịp thời tháo gỡ khó khăn, vướng mắc trong quá trình triển khai {term}.",
)
SUMMARIES = (
    "{subject} {action}, góp phần nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
    "Trong {quarter}, {where} tập trung {action}; các chỉ tiêu về {noun} cơ bản đạt kế hoạch.",
    "Kết quả {noun} năm {year} của {where} có nhiều chuyển biến, tỷ lệ hồ sơ giải quyết đúng hạn đạt {pct}.",
    "{subject} đề ra nhiều giải pháp về {noun}, phấn đấu hoàn thành các chỉ tiêu năm {year}.",
)
# {time}: "năm 2023", "quý II/2023" or "Quý 2 năm 2023".
TITLES = (
    "{subject} {action} {time}",
    "{subject} {action}",
    "Kết quả {noun} {time} của {where}",
    "Hội nghị triển khai {noun} {time} tại {where}",
    "{subject} tập trung {action} trong {quarter}",
    "Đẩy mạnh {noun} tại {where}",
    "{subject} ban hành kế hoạch {noun} {time}",
    "{subject} đạt {pct} kế hoạch {noun} {time}",
)
NUMBERED_TITLES = (  # tried after a few collisions: the figure makes them nearly unique
    "{subject} đạt {pct} kế hoạch {noun} {time}",
    "{subject} hoàn thành {n} nhiệm vụ về {noun} {time}",
)
ROMAN = ("I", "II", "III", "IV")

# content/pages/gioi-thieu.md of a generated site.
ABOUT_PAGE = """---
title: Giới thiệu
summary: Trang tin thử nghiệm gồm các bài viết được sinh tự động để đo tốc độ và chất lượng của trang.
---

Các bài viết trên trang này được **sinh tự động** từ mẫu câu về cải cách hành chính, chỉ dùng để thử
nghiệm việc dựng trang và gợi ý bài viết liên quan. Nội dung, số liệu và tên người trong bài không có thật.
"""
