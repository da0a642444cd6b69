//! Tables of written forms for [`super`]: each function against the
//! spellings PUEBI and Indonesian news sites use.

use super::{
    Lang, PhoneError, TimeStyle, Zone, date_long, date_medium, date_short, day_name, integer,
    month_name, month_year, normalize_phone, number, number_auto, parse_hhmm, phone_display,
    rupiah, slugify, time_of_day, time_range, time_with_zone, zone_for_province, zone_from_iana,
};
use chrono::{DateTime, NaiveDate, Weekday};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn zones_by_province_and_iana() {
    for (code, want) in [
        (11, Some(Zone::WIB)),
        (21, Some(Zone::WIB)),
        (35, Some(Zone::WIB)),
        (61, Some(Zone::WIB)),
        (62, Some(Zone::WIB)),
        (51, Some(Zone::WITA)),
        (64, Some(Zone::WITA)),
        (65, Some(Zone::WITA)),
        (73, Some(Zone::WITA)),
        (81, Some(Zone::WIT)),
        (96, Some(Zone::WIT)),
        (20, None),
        (37, None),
        (54, None),
        (83, None),
        (97, None),
    ] {
        assert_eq!(zone_for_province(code), want, "{code}");
    }
    for (name, want) in [
        ("Asia/Jakarta", Some(Zone::WIB)),
        ("Asia/Pontianak", Some(Zone::WIB)),
        ("Asia/Makassar", Some(Zone::WITA)),
        ("Asia/Jayapura", Some(Zone::WIT)),
        ("Asia/Singapore", None),
        ("asia/jakarta", None),
    ] {
        assert_eq!(zone_from_iana(name), want, "{name}");
    }
    assert_eq!(Zone::WIT.offset().local_minus_utc(), 9 * 3600);
}

#[test]
fn names_of_days_and_months() {
    for (wd, id, en) in [
        (Weekday::Sun, "Minggu", "Sunday"),
        (Weekday::Mon, "Senin", "Monday"),
        (Weekday::Fri, "Jumat", "Friday"),
        (Weekday::Sat, "Sabtu", "Saturday"),
    ] {
        assert_eq!((day_name(wd, Lang::Id), day_name(wd, Lang::En)), (id, en));
    }
    for (m, id, en) in [
        (1, "Januari", "January"),
        (2, "Februari", "February"),
        (8, "Agustus", "August"),
        (11, "November", "November"),
        (12, "Desember", "December"),
        (0, "", ""),
        (13, "", ""),
    ] {
        assert_eq!(
            (month_name(m, Lang::Id), month_name(m, Lang::En)),
            (id, en),
            "{m}"
        );
    }
}

#[test]
fn dates() {
    for (date, long_id, long_en, medium_id, short) in [
        (
            d(2025, 8, 26),
            "Selasa, 26 Agustus 2025",
            "Tuesday, 26 August 2025",
            "26 Agustus 2025",
            "26/8/2025",
        ),
        (
            d(2025, 8, 5),
            "Selasa, 5 Agustus 2025",
            "Tuesday, 5 August 2025",
            "5 Agustus 2025",
            "5/8/2025",
        ),
        (
            d(2025, 3, 28),
            "Jumat, 28 Maret 2025",
            "Friday, 28 March 2025",
            "28 Maret 2025",
            "28/3/2025",
        ),
    ] {
        assert_eq!(date_long(date, Lang::Id), long_id);
        assert_eq!(date_long(date, Lang::En), long_en);
        assert_eq!(date_medium(date, Lang::Id), medium_id);
        assert_eq!(date_short(date), short);
    }
    assert_eq!(date_medium(d(2025, 8, 26), Lang::En), "26 August 2025");
    assert_eq!(month_year(2025, 8, Lang::Id), "Agustus 2025");
    assert_eq!(month_year(2025, 8, Lang::En), "August 2025");
}

#[test]
fn times() {
    assert_eq!(time_of_day(9, 30, TimeStyle::Dot), "09.30");
    assert_eq!(time_of_day(9, 30, TimeStyle::Colon), "09:30");
    assert_eq!(time_range((8, 0), (11, 0), TimeStyle::Dot), "08.00–11.00");
    for (rfc, zone, want) in [
        ("2025-08-26T09:30:00+07:00", Zone::WIB, "09.30 WIB"),
        ("2025-08-26T09:30:00+07:00", Zone::WITA, "10.30 WITA"),
        ("2025-08-26T02:30:00Z", Zone::WIT, "11.30 WIT"),
        ("2025-08-26T23:15:00+08:00", Zone::WIB, "22.15 WIB"),
    ] {
        let dt = DateTime::parse_from_rfc3339(rfc).unwrap();
        assert_eq!(time_with_zone(&dt, zone, TimeStyle::Dot), want, "{rfc}");
    }
    for (s, want) in [
        ("08:00", Some((8, 0))),
        ("08.00", Some((8, 0))),
        ("8.05", Some((8, 5))),
        (" 23:59 ", Some((23, 59))),
        ("24:00", None),
        ("08:60", None),
        ("08:0", None),
        ("0800", None),
        ("pagi", None),
        ("08:00:00", None),
    ] {
        assert_eq!(parse_hhmm(s), want, "{s}");
    }
}

#[test]
fn numbers() {
    for (value, decimals, id, en) in [
        (3120.0, 0, "3.120", "3,120"),
        (412.5, 1, "412,5", "412.5"),
        (12.5, 1, "12,5", "12.5"),
        (-1234.0, 0, "-1.234", "-1,234"),
        (0.0, 0, "0", "0"),
        (999.0, 0, "999", "999"),
        (1_850_000_000.0, 0, "1.850.000.000", "1,850,000,000"),
        (2.5, 0, "3", "3"),
        (-2.5, 0, "-3", "-3"),
        (1.005, 2, "1,01", "1.01"),
        (999.96, 1, "1.000,0", "1,000.0"),
        (-0.004, 2, "0,00", "0.00"),
        (1.23456, 3, "1,235", "1.235"),
        (7.0, 2, "7,00", "7.00"),
    ] {
        assert_eq!(
            number(value, decimals, Lang::Id),
            id,
            "{value} ({decimals})"
        );
        assert_eq!(
            number(value, decimals, Lang::En),
            en,
            "{value} ({decimals})"
        );
    }
    for (value, id, en) in [
        (3120.0, "3.120", "3,120"),
        (412.5, "412,5", "412.5"),
        (12.25, "12,25", "12.25"),
        (3.001, "3", "3"),
        (0.1, "0,1", "0.1"),
    ] {
        assert_eq!(number_auto(value, Lang::Id), id, "{value}");
        assert_eq!(number_auto(value, Lang::En), en, "{value}");
    }
}

#[test]
fn integers_exactly() {
    assert_eq!(integer(3458, Lang::Id), "3.458");
    assert_eq!(integer(-1234, Lang::En), "-1,234");
    assert_eq!(integer(0, Lang::Id), "0");
    assert_eq!(
        integer(u64::MAX.into(), Lang::Id),
        "18.446.744.073.709.551.615"
    );
}

#[test]
fn rupiah_per_puebi() {
    for (amount, want) in [
        (15_000, "Rp15.000"),
        (0, "Rp0"),
        (-15_000, "-Rp15.000"),
        (500, "Rp500"),
        (1_850_000_000, "Rp1.850.000.000"),
        (i64::MIN, "-Rp9.223.372.036.854.775.808"),
    ] {
        assert_eq!(rupiah(amount), want);
    }
}

#[test]
fn slugs() {
    for (input, want) in [
        ("Dana Desa 2025", "dana-desa-2025"),
        ("  ", ""),
        ("Jum'at Bersih", "jumat-bersih"),
        ("Jum’at", "jumat"),
        ("Sejarah & Budaya", "sejarah-dan-budaya"),
        ("A&B", "a-dan-b"),
        ("Café Crème", "cafe-creme"),
        ("Señor Müller, Ångström", "senor-muller-angstrom"),
        ("Straße", "strasse"),
        ("--Posyandu   Krajan!!", "posyandu-krajan"),
        ("Info: Vaksin (Tahap 2)", "info-vaksin-tahap-2"),
        ("RT 01/RW 02", "rt-01-rw-02"),
        ("UMKM 🍌 Pisang", "umkm-pisang"),
    ] {
        assert_eq!(slugify(input), want, "{input}");
    }
}

#[test]
fn phone_numbers() {
    for (raw, want) in [
        ("0812-3456-7890", Ok("6281234567890")),
        ("+62 812-3456-7890", Ok("6281234567890")),
        ("62812 3456 7890", Ok("6281234567890")),
        ("+6281234567890", Ok("6281234567890")),
        ("+62 0812 3456 7890", Ok("6281234567890")),
        ("812.3456.7890", Ok("6281234567890")),
        ("(0341) 123456", Ok("62341123456")),
        ("0341-123456", Ok("62341123456")),
        ("021 1234 5678", Ok("622112345678")),
        ("0812-ABC-7890", Err(PhoneError::NotANumber)),
        ("", Err(PhoneError::NotANumber)),
        ("wa.me/6281234567890", Err(PhoneError::NotANumber)),
        ("12345", Err(PhoneError::NotIndonesian)),
        ("+1 555 123 4567", Err(PhoneError::NotIndonesian)),
        ("0812", Err(PhoneError::WrongLength)),
        ("0812 3456 7890 1234", Err(PhoneError::WrongLength)),
    ] {
        assert_eq!(normalize_phone(raw), want.map(String::from), "{raw}");
    }
    for (e164, want) in [
        ("6281234567890", "0812-3456-7890"),
        ("628123456789", "0812-3456-789"),
        ("62341123456", "(0341) 123456"),
        ("622112345678", "(021) 12345678"),
        ("15551234567", "15551234567"),
    ] {
        assert_eq!(phone_display(e164), want, "{e164}");
    }
}
