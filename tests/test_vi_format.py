"""vi_format dates: the calendar day in Asia/Ho_Chi_Minh, in Vietnamese."""

from datetime import date, datetime, timedelta, timezone
from functools import partial

from vi_format import dates
from vi_format.settings import ViFormatSettings

TZ = ViFormatSettings.from_pelican({}).zone  # the default: Asia/Ho_Chi_Minh
long_date, short_date, iso_datetime = (partial(f, tz=TZ) for f in (dates.long_date, dates.short_date, dates.iso_datetime))


def test_dates_are_the_day_in_ho_chi_minh_city_whatever_the_input_type():
    late_utc = datetime(2021, 3, 31, 20, 0, tzinfo=timezone.utc)  # 1 April, 03:00 in Vietnam
    assert long_date(late_utc) == "Thứ Năm, 01/04/2021"
    assert short_date(late_utc) == "01/04/2021"
    assert iso_datetime(late_utc) == "2021-04-01T03:00:00+07:00"
    assert long_date(datetime(2021, 3, 31, 23, 59)) == "Thứ Tư, 31/03/2021"  # naive: already local
    assert long_date(date(2026, 11, 26)) == "Thứ Năm, 26/11/2026"
    # Two times of one day share the text; another zone's same instant is the same day.
    same_instant = late_utc.astimezone(timezone(timedelta(hours=-5)))
    assert short_date(same_instant) == short_date(late_utc.replace(hour=18)) == "01/04/2021"


def test_the_zone_is_the_sites():
    assert ViFormatSettings.from_pelican({"TIMEZONE": "UTC"}).timezone == "UTC"
    late_utc = datetime(2021, 3, 31, 20, 0, tzinfo=timezone.utc)
    assert dates.short_date(late_utc, tz=ViFormatSettings.from_pelican({"TIMEZONE": "UTC"}).zone) == "31/03/2021"
