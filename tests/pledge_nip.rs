//! The NIP check as a table: valid numbers in every accepted spelling, then each kind of
//! invalid number, each with the part its message must name (shared/campaign.md).

use campaign_kit::i18n::Lang;
use campaign_kit::pledge::nip::{self, Gender, NipError};
use campaign_kit::pledge::Date;

fn today() -> Date {
    Date::new(2026, 11, 26).unwrap()
}

#[test]
fn valid_numbers_in_every_spelling() {
    let cases = [
        ("198504122010011003", "19850412 201001 1 003", Gender::Male),
        (
            "19850412 201001 1 003",
            "19850412 201001 1 003",
            Gender::Male,
        ),
        (
            "19850412.201001.1.003",
            "19850412 201001 1 003",
            Gender::Male,
        ),
        (
            " 1985 0412 2010 0110 03 ",
            "19850412 201001 1 003",
            Gender::Male,
        ),
    ];
    for (input, grouped, gender) in &cases {
        let n = nip::parse(input, today()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(n.digits(), "198504122010011003");
        assert_eq!(&n.grouped(), grouped);
        assert_eq!(n.gender(), Some(*gender));
        assert_eq!(n.birth_date(), Some(Date::new(1985, 4, 12).unwrap()));
        assert_eq!(n.service_start(), (2010, 1));
        assert_eq!(n.serial(), "003");
    }
    // A woman born on 29 February of a leap year, service from this very month.
    let n = nip::parse("19960229\u{a0}202611\t2\u{a0}017", today()).unwrap();
    assert_eq!(n.gender(), Some(Gender::Female));
    assert_eq!(n.grouped(), "19960229 202611 2 017");
    // Started on the month of the 18th birthday, when the birthday is the 1st.
    assert!(nip::parse("200001012018011001", today()).is_ok());
}

#[test]
fn each_kind_of_invalid_number_is_named() {
    use NipError::*;
    let table: &[(&str, NipError, &str, &str)] = &[
        ("", Length { found: 0 }, "18 digit", "18 digits"),
        (
            "19850412201001100",
            Length { found: 17 },
            "17 digit",
            "has 17",
        ),
        (
            "1985041220100110030",
            Length { found: 19 },
            "19 digit",
            "has 19",
        ),
        (
            "19850412-201001-1-003x",
            NotDigits,
            "hanya boleh berisi angka",
            "only digits",
        ),
        ("1985O412 201001 1 003", NotDigits, "angka", "digits"), // letter O
        (
            "19851312 201001 1 003",
            BirthDate,
            "tanggal lahir pada NIP tidak valid",
            "birth date in the NIP is not valid",
        ),
        (
            "19850230 201001 1 003",
            BirthDate,
            "tanggal lahir",
            "birth date",
        ),
        (
            "19850400 201001 1 003",
            BirthDate,
            "tanggal lahir",
            "birth date",
        ),
        (
            "19010229 201001 1 003",
            BirthDate,
            "tanggal lahir",
            "birth date",
        ), // 1901 not leap
        (
            "08850412 201001 1 003",
            BirthDate,
            "tanggal lahir",
            "birth date",
        ), // year 0885
        (
            "20270101 204501 1 003",
            BirthDate,
            "tanggal lahir",
            "birth date",
        ), // born after today
        (
            "19850412 201013 1 003",
            ServiceStart,
            "TMT CPNS",
            "start of service",
        ),
        (
            "19850412 201000 1 003",
            ServiceStart,
            "TMT CPNS",
            "start of service",
        ),
        (
            "19850412 200203 1 003",
            ServiceBeforeAdult,
            "ke-18",
            "18th birthday",
        ),
        (
            "19850412 200304 1 003",
            ServiceBeforeAdult,
            "ke-18",
            "18th birthday",
        ), // 1 April < 12 April
        (
            "19850412 202612 1 003",
            ServiceInFuture,
            "masa depan",
            "future",
        ),
        (
            "19850412 201001 3 003",
            Gender,
            "jenis kelamin",
            "gender digit",
        ),
        (
            "19850412 201001 0 003",
            Gender,
            "jenis kelamin",
            "gender digit",
        ),
    ];
    for (input, want, id, en) in table {
        let got = nip::parse(input, today()).expect_err(input);
        assert_eq!(&got, want, "{input}");
        let (msg_id, msg_en) = (got.message(Lang::Id), got.message(Lang::En));
        assert!(
            msg_id.to_lowercase().contains(&id.to_lowercase()),
            "{input}: {msg_id}"
        );
        assert!(
            msg_en.to_lowercase().contains(&en.to_lowercase()),
            "{input}: {msg_en}"
        );
    }
}

#[test]
fn service_start_is_checked_against_the_day_it_is_made() {
    // December 2026 is the future on 26 November 2026 but fine a month later.
    let nip = "19850412 202612 1 003";
    assert_eq!(nip::parse(nip, today()), Err(NipError::ServiceInFuture));
    assert!(nip::parse(nip, Date::new(2026, 12, 1).unwrap()).is_ok());
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
    ] {
        assert!(nip::parse(input, today()).is_err(), "{input}");
    }
}
