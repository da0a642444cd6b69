//! Text out of rendered HTML, for the index: tags become spaces,
//! entities are decoded, `<script>` and `<style>` are dropped, and the
//! headings' text is kept apart, since ranking weighs it above the body.

/// The text of an HTML fragment (a rendered post body): tags become
/// spaces, entities are decoded, `<script>` and `<style>` are dropped.
pub fn html_text(html: &str) -> String {
    let (headings, body) = split(html);
    if headings.is_empty() {
        body
    } else {
        format!("{headings} {body}")
    }
}

/// The text of an HTML fragment in two parts: what is inside its
/// headings (`<h1>`–`<h6>`), and the rest.
pub fn split(html: &str) -> (String, String) {
    let mut heads = String::new();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut in_heading = false;
    let starts_ci = |s: &str, p: &str| {
        s.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    while let Some(at) = rest.bytes().position(|b| b == b'<' || b == b'&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(opens) = heading_tag(rest) {
            // Text goes where it belongs; both get a space between words.
            out.push(' ');
            if opens {
                std::mem::swap(&mut heads, &mut out);
                in_heading = true;
            } else if in_heading {
                std::mem::swap(&mut heads, &mut out);
                in_heading = false;
            }
        }
        if rest.starts_with('<') {
            let skip_to = if starts_ci(rest, "<script") {
                "</script>"
            } else if starts_ci(rest, "<style") {
                "</style>"
            } else {
                ">"
            };
            let end = find_ascii_ci(rest, skip_to).map_or(rest.len(), |e| e + skip_to.len());
            rest = &rest[end..];
            out.push(' ');
        } else {
            let (c, used) = entity(rest);
            out.push_str(c);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    if in_heading {
        std::mem::swap(&mut heads, &mut out);
    }
    (heads, out)
}

/// At `<hN`: `Some(true)`; at `</hN`: `Some(false)`.
fn heading_tag(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    let (close, at) = match b.get(1) {
        Some(b'/') => (true, 2),
        _ => (false, 1),
    };
    let is = b.get(at).is_some_and(|c| c.eq_ignore_ascii_case(&b'h'))
        && b.get(at + 1).is_some_and(|c| (b'1'..=b'6').contains(c))
        && b.get(at + 2).is_none_or(|c| !c.is_ascii_alphanumeric());
    is.then_some(!close)
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// The entity at the start of `s` (which starts with `&`): its text and
/// how many bytes it took. Entities other than the common ones read as a
/// space, which is all a word splitter needs.
fn entity(s: &str) -> (&'static str, usize) {
    let name_len = s[1..]
        .bytes()
        .take(10)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    let end = 1 + name_len;
    if name_len == 0 || s.as_bytes().get(end) != Some(&b';') {
        return ("&", 1);
    }
    let text = match &s[1..end] {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "#39" | "#x27" | "apos" | "rsquo" | "lsquo" => "'",
        "shy" | "#173" | "#xad" => "",
        _ => " ",
    };
    (text, end + 1)
}

#[cfg(test)]
mod tests {
    use super::{html_text, split};

    #[test]
    fn body_text_from_html() {
        assert_eq!(
            html_text("<p>Jum&#39;at <b>pagi</b>&amp;sore<script>x=1</script>.</p>"),
            " Jum'at  pagi &sore . "
        );
        assert_eq!(html_text("a &nbsp b & c &copy; d"), "a &nbsp b & c   d");
        assert_eq!(html_text("<p"), " ");
    }

    #[test]
    fn headings_apart() {
        let (h, b) =
            split("<p>satu</p><h2 id=\"x\">Dua <em>tiga</em></h2><p>empat</p><hr><h3>lima");
        assert_eq!(
            h.split_whitespace().collect::<Vec<_>>(),
            ["Dua", "tiga", "lima"]
        );
        assert_eq!(b.split_whitespace().collect::<Vec<_>>(), ["satu", "empat"]);
    }
}
