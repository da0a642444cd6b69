//! What the editor shows for each key warta reads: its label and hint
//! (Indonesian, English), its widget, and for front matter the kinds of
//! collection it belongs to.
//!
//! The keys themselves come from the loader's structs
//! (`crate::load::keys`); this table only describes them. A key with no
//! entry here is left out of the form and fails `every_key_has_a_field`
//! in `super::config`'s tests, so a new front-matter or profile key
//! cannot reach writers' files without the editor knowing it.

/// A label or hint: Indonesian, English.
pub type Said = (&'static str, &'static str);

/// The editor widget for a key (Sveltia CMS's, Decap-compatible names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    String,
    Text,
    Datetime,
    /// A day without a time (`founded = 2018-10-28`).
    Date,
    Boolean,
    Int,
    Float,
    Image,
    /// Several photos: a list of paths.
    Images,
    /// A list of short texts.
    List,
    /// `category`: the categories of warta.toml.
    Category,
    /// `adinda`: the six ADINDA principles, several allowed.
    Adinda,
    /// `village.kind`: desa, kelurahan, desa_adat.
    VillageKind,
    /// A table of its own keys (`[event]`, `[source]`); its fields are the
    /// entries whose key starts with this one and a dot.
    Object,
    /// A list of tables (`[[contact.office_hours]]`).
    Objects,
    /// Free key = value pairs (`marketplace`).
    KeyValue,
}

/// Which collections a front-matter key is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A dated post in any section (berita and the others).
    Post,
    /// `content/agenda/`: posts with `[event]`.
    Agenda,
    /// `content/pengumuman/`: posts with `expires`.
    Announcement,
    /// `content/produk/`: the story of a product of profile.toml.
    Product,
    /// A standalone page (profil, lembaga, layanan, halaman).
    Page,
}

pub struct Field {
    /// `title`, `event.start`, `products.price_idr`.
    pub key: &'static str,
    pub label: Said,
    pub hint: Said,
    pub widget: Widget,
    pub required: bool,
    /// For front matter: the collections it is in (empty for profile keys).
    pub kinds: &'static [Kind],
}

const POSTS: &[Kind] = &[Kind::Post, Kind::Agenda, Kind::Announcement, Kind::Product];
const ALL: &[Kind] = &[
    Kind::Post,
    Kind::Agenda,
    Kind::Announcement,
    Kind::Product,
    Kind::Page,
];

const fn f(
    key: &'static str,
    widget: Widget,
    required: bool,
    kinds: &'static [Kind],
    label: Said,
    hint: Said,
) -> Field {
    Field {
        key,
        label,
        hint,
        widget,
        required,
        kinds,
    }
}

/// Front matter (`crate::load::frontmatter::FrontMatter`, `Event`,
/// `Source`), in the order the form shows them. One row per key, so the
/// table is not reflowed (rustfmt would make it four times as long).
#[rustfmt::skip]
pub const FRONT: &[Field] = &[
    f("title", Widget::String, true, ALL, ("Judul", "Title"), ("Singkat dan jelas, misalnya: Posyandu Balita Dusun Krajan.", "Short and clear, e.g.: Toddler clinic in Krajan hamlet.")),
    f("date", Widget::Datetime, true, POSTS, ("Tanggal terbit", "Publication date"), ("Tanggal dan jam tulisan terbit. Tanggal yang akan datang: tulisan baru tampil pada hari itu.", "Date and time the post is published. A future date: it appears on that day.")),
    f("updated", Widget::Datetime, false, ALL, ("Diperbarui", "Updated"), ("Isi bila isi tulisan diubah setelah terbit (ralat, kabar susulan).", "Fill in when the text changed after publication (a correction, a follow-up).")),
    f("category", Widget::Category, false, POSTS, ("Kategori", "Category"), ("Satu kategori dari warta.toml. Kategori baru: tambahkan di warta.toml, lalu jalankan `warta cms`.", "One category from warta.toml. A new one: add it to warta.toml, then run `warta cms`.")),
    f("tags", Widget::List, false, POSTS, ("Tagar", "Tags"), ("Kata kunci tulisan, satu per isian, misalnya: posyandu, balita.", "Keywords, one per entry, e.g.: clinic, toddlers.")),
    f("adinda", Widget::Adinda, false, POSTS, ("Prinsip ADINDA", "ADINDA principles"), ("Kegiatan KIM yang ditunjukkan tulisan ini (untuk laporan KIM).", "The KIM work this post shows (for the KIM report).")),
    f("author", Widget::String, false, POSTS, ("Penulis", "Author"), ("Nama pewarta.", "The writer's name.")),
    f("summary", Widget::Text, false, ALL, ("Ringkasan", "Summary"), ("Satu atau dua kalimat untuk daftar berita dan pratinjau WhatsApp.", "One or two sentences for lists and WhatsApp previews.")),
    f("image", Widget::Image, false, ALL, ("Foto utama", "Main photo"), ("Foto dari ponsel boleh; warta mengecilkannya dan membuang data lokasi (GPS) saat membangun situs.", "A phone photo is fine; warta resizes it and removes its location (GPS) when building the site.")),
    f("image_alt", Widget::String, false, ALL, ("Keterangan foto untuk tunanetra", "Photo description for blind readers"), ("Wajib bila ada foto utama: apa yang terlihat di foto, misalnya: Kader menimbang balita. `warta check` menolak foto tanpa keterangan.", "Required with a main photo: what the photo shows, e.g.: Volunteers weighing a toddler. `warta check` refuses a photo without it.")),
    f("image_caption", Widget::String, false, ALL, ("Teks di bawah foto", "Photo caption"), ("Boleh kosong. Misalnya: Foto: Siti Aminah.", "May be empty. E.g.: Photo: Siti Aminah.")),
    f("place", Widget::String, false, POSTS, ("Tempat", "Place"), ("Tempat kejadian, misalnya: Balai Dusun Krajan.", "Where it happened, e.g.: Krajan hamlet hall.")),
    f("event", Widget::Object, true, &[Kind::Agenda], ("Acara", "Event"), ("Waktu dan tempat acara.", "When and where the event is.")),
    f("event.start", Widget::Datetime, true, &[], ("Mulai", "Starts"), ("Tanggal dan jam acara dimulai.", "Date and time the event starts.")),
    f("event.end", Widget::Datetime, false, &[], ("Selesai", "Ends"), ("Boleh kosong.", "May be empty.")),
    f("event.venue", Widget::String, false, &[], ("Tempat acara", "Venue"), ("Misalnya: Balai Desa Sukamaju.", "E.g.: Sukamaju village hall.")),
    f("event.organizer", Widget::String, false, &[], ("Penyelenggara", "Organizer"), ("Misalnya: PKK Desa.", "E.g.: the village PKK.")),
    f("expires", Widget::Datetime, false, &[Kind::Announcement], ("Berlaku sampai", "Valid until"), ("Setelah tanggal ini pengumuman tidak tampil lagi di spanduk beranda.", "After this date the announcement leaves the home page banner.")),
    f("product", Widget::String, true, &[Kind::Product], ("Produk", "Product"), ("Nama produk persis seperti di profil desa (Profil desa → Produk).", "The product's name exactly as in the village profile (Village profile → Products).")),
    f("source", Widget::Object, false, POSTS, ("Sumber informasi", "Information source"), ("Untuk informasi yang diteruskan dari pemerintah: nama dan tautan sumbernya.", "For information passed on from the government: the source's name and link.")),
    f("source.name", Widget::String, true, &[], ("Nama sumber", "Source name"), ("Misalnya: Dinas Kesehatan Kabupaten Malang.", "E.g.: the regency's health office.")),
    f("source.url", Widget::String, false, &[], ("Tautan sumber", "Source link"), ("Alamat lengkap, diawali https://", "The full address, starting with https://")),
    f("pinned", Widget::Boolean, false, POSTS, ("Sematkan di beranda", "Pin to the home page"), ("Tulisan tetap di atas beranda sampai sematan dilepas.", "The post stays on top of the home page until unpinned.")),
    f("weight", Widget::Int, false, &[Kind::Page], ("Urutan", "Order"), ("Angka kecil tampil lebih dulu di daftar halaman.", "Lower numbers come first in page lists.")),
    f("draft", Widget::Boolean, false, ALL, ("Draf (belum terbit)", "Draft (not published)"), ("Draf tidak tampil di situs.", "A draft is not shown on the site.")),
    f("slug", Widget::String, false, ALL, ("Alamat halaman (slug)", "Address (slug)"), ("Boleh kosong: warta membuatnya dari nama berkas. Huruf kecil dan tanda minus saja.", "May be empty: warta makes it from the file name. Lower case letters and hyphens only.")),
    f("aliases", Widget::List, false, ALL, ("Alamat lama", "Old addresses"), ("Alamat lama yang tetap membuka tulisan ini, misalnya /2019/08/posyandu/.", "Old addresses that still open this page, e.g. /2019/08/clinic/.")),
    f("template", Widget::String, false, ALL, ("Templat khusus", "Custom template"), ("Kosongkan, kecuali pengelola situs memintanya.", "Leave empty unless the site keeper asks for it.")),
];

/// `profile.toml`'s `[village]`, `[contact]` and `[[products]]`
/// (`crate::load::profile::form_keys`).
#[rustfmt::skip]
pub const PROFILE: &[Field] = &[
    p("village", Widget::Object, true, ("Desa", "Village"), ("Data pokok desa.", "The village's basic data.")),
    p("village.name", Widget::String, true, ("Nama desa", "Village name"), ("Tanpa kata Desa, misalnya: Sukamaju.", "Without the word Desa, e.g.: Sukamaju.")),
    p("village.kind", Widget::VillageKind, true, ("Jenis", "Kind"), ("Desa, kelurahan atau desa adat.", "Desa, kelurahan or desa adat.")),
    p("village.area_code", Widget::String, true, ("Kode wilayah Kemendagri", "Kemendagri area code"), ("Sepuluh angka, misalnya 35.07.12.2003.", "Ten digits, e.g. 35.07.12.2003.")),
    p("village.bps_code", Widget::String, false, ("Kode BPS", "BPS code"), ("Boleh kosong.", "May be empty.")),
    p("village.postal_code", Widget::String, false, ("Kode pos", "Postal code"), ("Lima angka.", "Five digits.")),
    p("village.tagline", Widget::String, false, ("Semboyan", "Tagline"), ("Satu kalimat pendek di beranda.", "One short sentence on the home page.")),
    p("village.founded_year", Widget::Int, false, ("Tahun berdiri", "Year founded"), ("Misalnya 1912.", "E.g. 1912.")),
    p("village.logo", Widget::Image, false, ("Logo", "Logo"), ("Logo desa atau kabupaten.", "The village's or regency's logo.")),
    p("village.office_photo", Widget::Image, false, ("Foto kantor desa", "Village office photo"), ("Tampil di halaman kontak.", "Shown on the contact page.")),
    p("village.website", Widget::String, false, ("Situs lain", "Other website"), ("Alamat situs resmi lain, bila ada.", "Another official website, if any.")),
    p("village.vision", Widget::Text, false, ("Visi", "Vision"), ("Visi desa.", "The village's vision.")),
    p("village.missions", Widget::List, false, ("Misi", "Missions"), ("Satu misi per isian.", "One mission per entry.")),
    p("village.history_page", Widget::String, false, ("Halaman sejarah", "History page"), ("Berkas halaman sejarah, misalnya profil/sejarah.md.", "The history page's file, e.g. profil/sejarah.md.")),
    p("village.welcome_page", Widget::String, false, ("Halaman sambutan", "Welcome page"), ("Berkas sambutan kepala desa, misalnya profil/sambutan.md.", "The village head's greeting page, e.g. profil/sambutan.md.")),
    p("contact", Widget::Object, false, ("Kontak", "Contact"), ("Cara warga menghubungi desa.", "How residents reach the village.")),
    p("contact.phone", Widget::String, false, ("Telepon kantor", "Office phone"), ("Misalnya 0341-123456.", "E.g. 0341-123456.")),
    p("contact.mobile", Widget::String, false, ("Ponsel / WhatsApp", "Mobile / WhatsApp"), ("Misalnya 0812-3456-7890.", "E.g. 0812-3456-7890.")),
    p("contact.email", Widget::String, false, ("Surel", "Email"), ("Alamat surel desa.", "The village's email address.")),
    p("contact.complaints", Widget::Text, false, ("Pengaduan", "Complaints"), ("Cara menyampaikan pengaduan.", "How to file a complaint.")),
    p("contact.office_hours", Widget::Objects, false, ("Jam layanan", "Office hours"), ("Satu baris per kelompok hari.", "One row per group of days.")),
    p("contact.office_hours.days", Widget::String, false, ("Hari", "Days"), ("Misalnya: Senin–Kamis.", "E.g.: Monday–Thursday.")),
    p("contact.office_hours.open", Widget::String, true, ("Buka", "Opens"), ("Jam buka, misalnya 08:00.", "Opening time, e.g. 08:00.")),
    p("contact.office_hours.close", Widget::String, true, ("Tutup", "Closes"), ("Jam tutup, misalnya 15:00.", "Closing time, e.g. 15:00.")),
    p("kim", Widget::Object, false, ("KIM", "KIM"), ("Kelompok Informasi Masyarakat desa ini.", "This village's information community.")),
    p("kim.name", Widget::String, true, ("Nama KIM", "KIM name"), ("Misalnya: KIM Sukamaju Berdaya.", "E.g.: KIM Sukamaju Berdaya.")),
    p("kim.founded", Widget::Date, false, ("Tanggal berdiri", "Founded"), ("Tanggal KIM dibentuk.", "The day the KIM was formed.")),
    p("kim.focus", Widget::List, false, ("Bidang kegiatan", "Focus"), ("Satu bidang per isian, misalnya: UMKM.", "One area per entry, e.g.: small business.")),
    p("kim.vision", Widget::Text, false, ("Visi KIM", "KIM vision"), ("Boleh kosong.", "May be empty.")),
    p("kim.missions", Widget::List, false, ("Misi KIM", "KIM missions"), ("Satu misi per isian.", "One mission per entry.")),
    p("kim.secretariat", Widget::String, false, ("Sekretariat", "Secretariat"), ("Alamat sekretariat KIM.", "The KIM's office address.")),
    p("kim.email", Widget::String, false, ("Surel KIM", "KIM email"), ("Boleh kosong.", "May be empty.")),
    p("kim.whatsapp", Widget::String, false, ("WhatsApp KIM", "KIM WhatsApp"), ("Misalnya 0812-3456-7890.", "E.g. 0812-3456-7890.")),
    p("kim.kim_id_profile", Widget::String, false, ("Profil di kim.id", "Profile on kim.id"), ("Alamat halaman KIM di kelola.kim.id.", "The KIM's page on kelola.kim.id.")),
    p("kim.registration", Widget::String, false, ("Nomor registrasi", "Registration number"), ("Nomor registrasi di kelola.kim.id, misalnya KIM-3507-0042.", "The kelola.kim.id number, e.g. KIM-3507-0042.")),
    p("kim.decree", Widget::Object, false, ("SK pembentukan", "Founding decree"), ("SK Kepala Desa tentang pembentukan KIM.", "The village head's decree forming the KIM.")),
    p("kim.decree.number", Widget::String, false, ("Nomor SK", "Decree number"), ("Misalnya 188/12/KEP/2024.", "E.g. 188/12/KEP/2024.")),
    p("kim.decree.date", Widget::Date, false, ("Tanggal SK", "Decree date"), ("Tanggal SK ditetapkan.", "The day the decree was signed.")),
    p("kim.decree.issuer", Widget::String, false, ("Penerbit SK", "Issued by"), ("Misalnya: Kepala Desa Sukamaju.", "E.g.: the head of Sukamaju.")),
    p("officials", Widget::Objects, false, ("Perangkat desa", "Village officials"), ("Kepala desa, sekretaris, kepala urusan dan seksi, kepala dusun.", "The head, secretary, section heads, hamlet heads.")),
    p("officials.name", Widget::String, true, ("Nama", "Name"), ("Tanpa gelar.", "Without titles.")),
    p("officials.title_prefix", Widget::String, false, ("Gelar depan", "Title before"), ("Misalnya: H. atau Drs.", "E.g.: H. or Drs.")),
    p("officials.title_suffix", Widget::String, false, ("Gelar belakang", "Title after"), ("Misalnya: S.Pd.", "E.g.: S.Pd.")),
    p("officials.position", Widget::String, false, ("Jabatan", "Position"), ("Misalnya: Kepala Urusan Keuangan.", "E.g.: Head of Finance.")),
    p("officials.role", Widget::String, false, ("Peran", "Role"), ("Kode peran, misalnya kepala_desa atau sekretaris_desa (lihat content-example/profile.toml).", "A role code, e.g. kepala_desa or sekretaris_desa (see content-example/profile.toml).")),
    p("officials.photo", Widget::Image, false, ("Foto", "Photo"), ("Foto wajah, tegak.", "A portrait photo.")),
    p("officials.term_start", Widget::Date, false, ("Mulai menjabat", "Term starts"), ("Tanggal pelantikan.", "The day of appointment.")),
    p("officials.term_end", Widget::Date, false, ("Akhir jabatan", "Term ends"), ("Boleh kosong.", "May be empty.")),
    p("officials.order", Widget::Int, false, ("Urutan", "Order"), ("Angka kecil tampil lebih dulu.", "Lower numbers come first.")),
    p("statistics", Widget::Object, false, ("Data penduduk", "Population data"), ("Jumlah penduduk; tabel rinci tetap di profile.toml.", "Population figures; detailed tables stay in profile.toml.")),
    p("statistics.as_of", Widget::Date, false, ("Per tanggal", "As of"), ("Tanggal data diambil.", "The day the data was taken.")),
    p("statistics.source", Widget::String, false, ("Sumber data", "Data source"), ("Misalnya: Profil Desa 2026.", "E.g.: Village Profile 2026.")),
    p("statistics.population", Widget::Int, false, ("Jumlah penduduk", "Population"), ("Angka saja.", "Digits only.")),
    p("statistics.male", Widget::Int, false, ("Laki-laki", "Male"), ("Angka saja.", "Digits only.")),
    p("statistics.female", Widget::Int, false, ("Perempuan", "Female"), ("Angka saja.", "Digits only.")),
    p("statistics.households", Widget::Int, false, ("Jumlah KK", "Households"), ("Angka saja.", "Digits only.")),
    p("products", Widget::Objects, false, ("Produk desa", "Village products"), ("Produk UMKM yang dijual warga, tampil di /produk/.", "Products residents sell, shown at /produk/.")),
    p("products.name", Widget::String, true, ("Nama produk", "Product name"), ("Misalnya: Kopi Robusta Bubuk.", "E.g.: Ground robusta coffee.")),
    p("products.category", Widget::String, false, ("Jenis produk", "Product type"), ("Misalnya: makanan, kerajinan.", "E.g.: food, crafts.")),
    p("products.price_idr", Widget::Int, false, ("Harga (Rp)", "Price (Rp)"), ("Angka saja, tanpa titik: 25000.", "Digits only, no dots: 25000.")),
    p("products.unit", Widget::String, false, ("Satuan", "Unit"), ("Misalnya: per 250 gram.", "E.g.: per 250 grams.")),
    p("products.discount_idr", Widget::Int, false, ("Harga diskon (Rp)", "Discounted price (Rp)"), ("Boleh kosong.", "May be empty.")),
    p("products.description", Widget::Text, false, ("Keterangan", "Description"), ("Rasa, bahan, cara pesan.", "Taste, ingredients, how to order.")),
    p("products.photos", Widget::Images, false, ("Foto produk", "Product photos"), ("Satu atau beberapa foto.", "One or more photos.")),
    p("products.seller", Widget::String, false, ("Penjual", "Seller"), ("Nama penjual atau kelompok usaha.", "The seller or business group.")),
    p("products.whatsapp", Widget::String, false, ("WhatsApp penjual", "Seller's WhatsApp"), ("Misalnya 0812-3456-7890.", "E.g. 0812-3456-7890.")),
    p("products.latitude", Widget::Float, false, ("Lintang", "Latitude"), ("Dari Google Maps, misalnya -8.1234.", "From Google Maps, e.g. -8.1234.")),
    p("products.longitude", Widget::Float, false, ("Bujur", "Longitude"), ("Dari Google Maps, misalnya 112.5678.", "From Google Maps, e.g. 112.5678.")),
    p("products.marketplace", Widget::KeyValue, false, ("Toko daring", "Online shops"), ("Nama toko = tautan, misalnya shopee = https://…", "Shop name = link, e.g. shopee = https://…")),
    p("products.active", Widget::Boolean, false, ("Masih dijual", "Still sold"), ("Matikan bila produk tidak dijual lagi.", "Switch off when no longer sold.")),
];

const fn p(key: &'static str, widget: Widget, required: bool, label: Said, hint: Said) -> Field {
    f(key, widget, required, &[], label, hint)
}

/// The entry for `key` in `table`.
pub fn find(table: &'static [Field], key: &str) -> Option<&'static Field> {
    table.iter().find(|f| f.key == key)
}
