//! Products and tourism: phone numbers in the three ways people write
//! them, refused forms at their `profile.toml:line:col`, and discounts.

use super::{MINIMAL, load, problems};

/// MINIMAL (9 lines) with one product whose `whatsapp` is on line 14.
fn with_whatsapp(number: &str) -> String {
    format!(
        "{MINIMAL}\n[[products]]\nname = \"Kopi\"\nprice_idr = 35000\nwhatsapp = \"{number}\"\n"
    )
}

#[test]
fn product_and_tourism_numbers_are_normalised() {
    for written in [
        "081234567890",
        "0812-3456-7890",
        "+62 812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "62 812 3456 7890",
        "(0812) 3456 7890",
    ] {
        let (profile, d) = load(&with_whatsapp(written));
        assert!(d.is_empty(), "{written}: {:?}", problems(&d));
        let p = &profile.unwrap().products[0];
        assert_eq!(p.whatsapp.as_deref(), Some(written));
        assert_eq!(
            p.whatsapp_e164.as_deref(),
            Some("6281234567890"),
            "{written}"
        );
        assert_eq!(
            p.whatsapp_display.as_deref(),
            Some("0812-3456-7890"),
            "{written}"
        );
    }
    let text = format!(
        "{MINIMAL}\n[[tourism]]\nname = \"Coban\"\ncontact_whatsapp = \"+62 813-1111-2222\"\n"
    );
    let (profile, d) = load(&text);
    assert!(d.is_empty(), "{:?}", problems(&d));
    let t = &profile.unwrap().tourism[0];
    assert_eq!(t.contact_whatsapp_e164.as_deref(), Some("6281311112222"));
    assert_eq!(
        t.contact_whatsapp_display.as_deref(),
        Some("0813-1111-2222")
    );
}

#[test]
fn refused_numbers_are_errors_at_the_value() {
    for (written, needle) in [
        ("0812-ABC-7890", "contains letters"),
        ("wa.me/6281234567890", "contains letters"),
        ("+1 555 123 4567", "not an Indonesian number"),
        ("12345678", "not an Indonesian number"),
        ("0812", "too short or too long"),
    ] {
        let (_, d) = load(&with_whatsapp(written));
        let p = problems(&d);
        assert_eq!(p.len(), 1, "{written}: {p:?}");
        let (error, position, text) = &p[0];
        assert!(*error, "{written}");
        assert_eq!(position, "profile.toml:14:12", "{written}");
        assert!(
            text.contains("`products.whatsapp`") && text.contains(needle),
            "{text}"
        );
    }
    let text = format!("{MINIMAL}\n[[tourism]]\nname = \"Coban\"\ncontact_whatsapp = \"0812\"\n");
    let (_, d) = load(&text);
    let p = problems(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].1, "profile.toml:13:20");
    assert!(p[0].2.contains("`tourism.contact_whatsapp`"), "{}", p[0].2);
}

#[test]
fn a_discount_needs_a_price_above_it() {
    let product = |lines: &str| format!("{MINIMAL}\n[[products]]\nname = \"Kopi\"\n{lines}\n");
    let (_, d) = load(&product("price_idr = 35000\ndiscount_idr = 5000"));
    assert!(d.is_empty(), "{:?}", problems(&d));
    let (_, d) = load(&product("price_idr = 35000\ndiscount_idr = 0"));
    assert!(d.is_empty(), "{:?}", problems(&d));
    for (lines, position, needle) in [
        (
            "price_idr = 30000\ndiscount_idr = 30000",
            "profile.toml:14:16",
            "is not less than the price, Rp30.000",
        ),
        (
            "discount_idr = 5000",
            "profile.toml:13:16",
            "without a price",
        ),
    ] {
        let (_, d) = load(&product(lines));
        let p = problems(&d);
        assert_eq!(p.len(), 1, "{lines}: {p:?}");
        assert!(p[0].0);
        assert_eq!(p[0].1, position, "{lines}");
        assert!(p[0].2.contains(needle), "{}", p[0].2);
    }
}
