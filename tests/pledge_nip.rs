//! The NIP / NI PPPK check as a table (shared/campaign.md): valid PNS and PPPK numbers in every
//! accepted spelling, each recognised as its kind, then each kind of invalid number for either
//! kind, each with the number and the part its message must name, in both languages.

use campaign_kit::i18n::Lang;
use campaign_kit::pledge::nip::{self, Gender, Kind, NipError};
use campaign_kit::pledge::Date;

fn today() -> Date {
    Date::new(2026, 11, 26).unwrap()
}

#[test]
fn valid_pns_numbers_in_every_spelling() {
    let cases = [
        "198504122010011003",
        "19850412 201001 1 003",
        "19850412.201001.1.003",
        " 1985 0412 2010 0110 03 ",
    ];
    for input in cases {
        let n = nip::parse(input, today()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(n.kind(), Kind::Pns, "{input}");
        assert_eq!(n.number_name(), "NIP");
        assert_eq!(n.digits(), "198504122010011003");
        assert_eq!(n.grouped(), "19850412 201001 1 003");
        assert_eq!(n.gender(), Some(Gender::Male));
        assert_eq!(n.birth_date(), Some(Date::new(1985, 4, 12).unwrap()));
        assert_eq!(n.appointment_year(), 2010);
        assert_eq!(n.tmt_cpns(), Some((2010, 1)));
        assert_eq!(n.pppk_digits(), None);
        assert_eq!(n.serial(), "003");
    }
    // A woman born on 29 February of a leap year, service from this very month.
    let n = nip::parse("19960229\u{a0}202611\t2\u{a0}017", today()).unwrap();
    assert_eq!((n.kind(), n.gender()), (Kind::Pns, Some(Gender::Female)));
    assert_eq!(n.grouped(), "19960229 202611 2 017");
    // Started on the month of the 18th birthday, when the birthday is the 1st; December is a
    // month too.
    assert!(nip::parse("200001012018011001", today()).is_ok());
    assert_eq!(
        nip::parse("19850412 201012 1 003", today()).map(|n| n.kind()),
        Ok(Kind::Pns)
    );
}

#[test]
fn valid_pppk_numbers_in_every_spelling() {
    // The PPPK teacher: born 3 July 1985, appointed as calon PPPK in 2023, "21".
    for input in [
        "198507032023212012",
        "19850703 202321 2 012",
        "19850703.202321.2.012",
        "19850703\u{a0}202321\t2 012",
    ] {
        let n = nip::parse(input, today()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(n.kind(), Kind::Pppk, "{input}");
        assert_eq!(n.number_name(), "NI PPPK");
        assert_eq!(n.kind().staff(), "PPPK");
        assert_eq!(n.digits(), "198507032023212012");
        assert_eq!(n.grouped(), "19850703 202321 2 012");
        assert_eq!(n.to_string(), "19850703 202321 2 012");
        assert_eq!(n.birth_date(), Some(Date::new(1985, 7, 3).unwrap()));
        assert_eq!(n.appointment_year(), 2023);
        assert_eq!(n.tmt_cpns(), None, "a PPPK number has no TMT month");
        assert_eq!(n.pppk_digits(), Some("21"));
        assert_eq!(n.gender(), Some(Gender::Female));
        assert_eq!(n.serial(), "012");
    }
    // Digits 13–14 are free for PPPK: anything that is not a month.
    for (input, digits) in [
        ("19900101 202400 1 001", "00"),
        ("19900101 202413 1 001", "13"),
        ("19900101 202499 1 001", "99"),
        ("19900101 201921 1 001", "21"), // the first PPPK year
        ("19900101 202621 2 001", "21"), // this year
        ("20051231 202321 1 001", "21"), // the year of the 18th birthday
    ] {
        let n = nip::parse(input, today()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            (n.kind(), n.pppk_digits()),
            (Kind::Pppk, Some(digits)),
            "{input}"
        );
    }
}

#[test]
fn each_kind_of_invalid_number_is_named() {
    use Kind::{Pns, Pppk};
    use NipError::*;
    // (input, error, words the Indonesian message must contain, words the English one must)
    let table: &[(&str, NipError, &[&str], &[&str])] = &[
        ("", Length { found: 0 }, &["18 digit"], &["18 digits"]),
        (
            "19850412201001100",
            Length { found: 17 },
            &["17 digit", "NI PPPK"],
            &["has 17", "NI PPPK"],
        ),
        (
            "1985041220100110030",
            Length { found: 19 },
            &["19 digit"],
            &["has 19"],
        ),
        (
            "19850412-201001-1-003x",
            NotDigits,
            &["hanya boleh berisi angka"],
            &["only digits"],
        ),
        ("1985O412 201001 1 003", NotDigits, &["angka"], &["digits"]), // letter O
        // PNS (digits 13–14 a month).
        (
            "19851312 201001 1 003",
            BirthDate { kind: Pns },
            &["tanggal lahir pada NIP tidak valid", "digit 1–8"],
            &["birth date in the NIP is not valid", "digits 1–8"],
        ),
        (
            "19850230 201001 1 003",
            BirthDate { kind: Pns },
            &["tanggal lahir"],
            &["birth date"],
        ),
        (
            "19850400 201001 1 003",
            BirthDate { kind: Pns },
            &["tanggal lahir"],
            &["birth date"],
        ),
        (
            "19010229 201001 1 003",
            BirthDate { kind: Pns },
            &["tanggal lahir"],
            &["birth date"],
        ), // 1901 not leap
        (
            "08850412 201001 1 003",
            BirthDate { kind: Pns },
            &["tanggal lahir"],
            &["birth date"],
        ), // year 0885
        (
            "20270101 204501 1 003",
            BirthDate { kind: Pns },
            &["tanggal lahir"],
            &["birth date"],
        ), // born after today
        (
            "19850412 200203 1 003",
            ServiceBeforeAdult { kind: Pns },
            &["TMT CPNS pada NIP", "ke-18", "digit 9–14"],
            &["TMT CPNS", "18th birthday", "digits 9–14"],
        ),
        (
            "19850412 200304 1 003",
            ServiceBeforeAdult { kind: Pns },
            &["ke-18"],
            &["18th birthday"],
        ), // 1 April < 12 April
        (
            "19850412 202612 1 003",
            ServiceInFuture { kind: Pns },
            &["TMT CPNS pada NIP", "masa depan"],
            &["NIP", "future"],
        ),
        (
            "19850412 201001 3 003",
            Gender { kind: Pns },
            &["jenis kelamin pada NIP", "digit ke-15"],
            &["gender digit in the NIP", "digit 15"],
        ),
        (
            "19850412 201001 0 003",
            Gender { kind: Pns },
            &["jenis kelamin"],
            &["gender digit"],
        ),
        // PPPK (digits 13–14 not a month).
        (
            "19851312 202321 2 012",
            BirthDate { kind: Pppk },
            &["tanggal lahir pada NI PPPK tidak valid", "digit 1–8"],
            &["birth date in the NI PPPK is not valid", "digits 1–8"],
        ),
        (
            "20270101 204521 2 012",
            BirthDate { kind: Pppk },
            &["tanggal lahir pada NI PPPK"],
            &["birth date in the NI PPPK"],
        ), // born after today
        (
            "19850703 201821 2 012",
            PppkYear,
            &["tahun pengangkatan pada NI PPPK", "2019", "digit 9–12"],
            &[
                "year of appointment in the NI PPPK",
                "2019 or later",
                "digits 9–12",
            ],
        ),
        // A PNS NIP with a mistyped TMT month reads as PPPK: the message says both.
        (
            "19850412 201013 1 003",
            PppkYear,
            &["digit 13–14 bukan bulan", "bulan TMT CPNS"],
            &["digits 13–14 are not a month", "TMT CPNS month"],
        ),
        ("19850412 201000 1 003", PppkYear, &["2019"], &["2019"]),
        (
            "20060101 202321 2 001",
            ServiceBeforeAdult { kind: Pppk },
            &["tahun pengangkatan pada NI PPPK", "ke-18", "digit 9–12"],
            &["NI PPPK", "18th birthday", "digits 9–12"],
        ), // 18 only in 2024
        (
            "19850703 202721 2 012",
            ServiceInFuture { kind: Pppk },
            &["NI PPPK", "masa depan", "digit 9–12"],
            &["NI PPPK", "future", "digits 9–12"],
        ),
        (
            "19850703 202321 3 012",
            Gender { kind: Pppk },
            &["jenis kelamin pada NI PPPK", "digit ke-15"],
            &["gender digit in the NI PPPK", "digit 15"],
        ),
        (
            "19850703 202321 0 012",
            Gender { kind: Pppk },
            &["NI PPPK"],
            &["NI PPPK"],
        ),
    ];
    for (input, want, id, en) in table {
        let got = nip::parse(input, today()).expect_err(input);
        assert_eq!(&got, want, "{input}");
        let (msg_id, msg_en) = (got.message(Lang::Id), got.message(Lang::En));
        for word in *id {
            assert!(
                msg_id.to_lowercase().contains(&word.to_lowercase()),
                "{input}: {word:?} in {msg_id}"
            );
        }
        for word in *en {
            assert!(
                msg_en.to_lowercase().contains(&word.to_lowercase()),
                "{input}: {word:?} in {msg_en}"
            );
        }
        // A PPPK number's errors never talk about a TMT CPNS month, except the one that says
        // why the number was read as PPPK.
        if got.kind() == Some(Pppk) && got != PppkYear {
            assert!(
                !msg_id.contains("TMT") && !msg_en.contains("TMT"),
                "{input}"
            );
        }
        if got.kind() == Some(Pns) {
            assert!(
                !msg_id.contains("PPPK") && !msg_en.contains("PPPK"),
                "{input}"
            );
        }
    }
}

#[test]
fn the_kind_is_read_from_digits_13_and_14() {
    for (input, kind) in [
        ("19850412 201001 1 003", Some(Kind::Pns)),
        ("19850412 201012 1 003", Some(Kind::Pns)),
        ("19850703 202321 2 012", Some(Kind::Pppk)),
        ("19850703 202300 2 012", Some(Kind::Pppk)),
        // An error after the 18 digits keeps the kind; before, there is none.
        ("19851312 201001 1 003", Some(Kind::Pns)),
        ("19851312 202321 1 003", Some(Kind::Pppk)),
        ("1985", None),
    ] {
        let got = match nip::parse(input, today()) {
            Ok(n) => Some(n.kind()),
            Err(e) => e.kind(),
        };
        assert_eq!(got, kind, "{input}");
    }
}

#[test]
fn the_appointment_is_checked_against_the_day_it_is_made() {
    // PNS: December 2026 is the future on 26 November 2026 but fine a month later.
    let pns = "19850412 202612 1 003";
    assert_eq!(
        nip::parse(pns, today()),
        Err(NipError::ServiceInFuture { kind: Kind::Pns })
    );
    assert!(nip::parse(pns, Date::new(2026, 12, 1).unwrap()).is_ok());
    // PPPK: only the year counts, so 2027 is the future until 1 January 2027.
    let pppk = "19850703 202721 2 012";
    assert_eq!(
        nip::parse(pppk, Date::new(2026, 12, 31).unwrap()),
        Err(NipError::ServiceInFuture { kind: Kind::Pppk })
    );
    assert!(nip::parse(pppk, Date::new(2027, 1, 1).unwrap()).is_ok());
}

#[test]
fn odd_input_never_panics() {
    for input in [
        "٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧",
        "🙂",
        "\u{0}",
        "9999999999999999999999999999",
        "000000000000000000",
        "99999999 999999 9 999",
        "19850703 999999 2 012",
        "19850703 000021 2 012",
    ] {
        assert!(nip::parse(input, today()).is_err(), "{input}");
    }
}
