//! Sharing helpers with no web dependencies (tested natively; used by the app's share bar):
//! recognising in-app browsers from their user agent, the ready caption, and `data:` URLs.

use crate::i18n::Lang;

/// An app whose built-in browser (WebView) lacks Web Share and often drops `blob:` downloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InApp {
    WhatsApp,
    Instagram,
    Facebook,
    Line,
    Telegram,
    TikTok,
}

impl InApp {
    /// Recognise an in-app browser from `navigator.userAgent`. Order matters: Instagram's
    /// WebView is Meta's too, so it is checked before Facebook's markers.
    pub fn detect(user_agent: &str) -> Option<InApp> {
        let has = |needle: &str| user_agent.contains(needle);
        if has("Instagram") {
            Some(InApp::Instagram)
        } else if has("WhatsApp") {
            Some(InApp::WhatsApp)
        } else if has("FBAN") || has("FBAV") || has("FB_IAB") {
            Some(InApp::Facebook)
        } else if has("Line/") {
            Some(InApp::Line)
        } else if has("Telegram") {
            Some(InApp::Telegram)
        } else if has("musical_ly") || has("BytedanceWebview") || has("TikTok") {
            Some(InApp::TikTok)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            InApp::WhatsApp => "WhatsApp",
            InApp::Instagram => "Instagram",
            InApp::Facebook => "Facebook",
            InApp::Line => "LINE",
            InApp::Telegram => "Telegram",
            InApp::TikTok => "TikTok",
        }
    }
}

/// Suggested hashtags. None of them is an official hashtag (none is confirmed); the user or
/// the agency edits them in the caption box.
pub const SUGGESTED_HASHTAGS: &str = "#ASNPilihNetral #NetralitasASN #ASNNetral";

/// The ready caption with the suggested hashtags (no brand kit, or a kit without hashtags).
pub fn default_caption(lang: Lang) -> String {
    caption(lang, &[])
}

/// The brand kit's hashtags (stored without '#', as `BrandKit::hashtags`) as a line "#A #B",
/// or None when the kit has none.
pub fn kit_hashtag_line(kit_hashtags: &[String]) -> Option<String> {
    let tags: Vec<String> = kit_hashtags
        .iter()
        .map(|t| t.trim().trim_start_matches('#'))
        .filter(|t| !t.is_empty())
        .map(|t| format!("#{t}"))
        .collect();
    (!tags.is_empty()).then(|| tags.join(" "))
}

/// The hashtag line of the caption: the kit's when it has any (the agency chose them), else
/// the suggestions.
pub fn caption_hashtags(kit_hashtags: &[String]) -> String {
    kit_hashtag_line(kit_hashtags).unwrap_or_else(|| SUGGESTED_HASHTAGS.to_string())
}

/// The ready caption: neutral wording (no party, candidate or number), the slogan, and on the
/// last line the brand kit's hashtags, or the suggested ones when the kit has none.
pub fn caption(lang: Lang, kit_hashtags: &[String]) -> String {
    let body = match lang {
        Lang::Id => {
            "Saya ASN, dan saya memilih netral: melayani masyarakat dengan adil dan tidak \
             memihak, sebelum, selama, dan sesudah Pemilu dan Pemilihan."
        }
        Lang::En => {
            "I am an Indonesian civil servant (ASN), and I choose to stay neutral: serving \
             everyone fairly and taking no side, before, during and after the elections."
        }
    };
    format!(
        "{body}\n\nASN Pilih Netral!\n\n{}",
        caption_hashtags(kit_hashtags)
    )
}

/// A campaign's own caption with the kit's hashtags on the last line (unless the caption
/// already has them); `None` for an empty caption (the ready caption is used instead).
pub fn campaign_caption(caption: &str, kit_hashtags: &[String]) -> Option<String> {
    let caption = caption.trim();
    if caption.is_empty() {
        return None;
    }
    Some(match kit_hashtag_line(kit_hashtags) {
        Some(line) if !caption.contains(&line) => format!("{caption}\n\n{line}"),
        _ => caption.to_string(),
    })
}

/// `data:<mime>;base64,…` for bytes: an `<img>` source that survives where `blob:` URLs do not
/// (long-press "save image" in some in-app browsers).
pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(mime.len() + 13 + bytes.len().div_ceil(3) * 4);
    out.push_str("data:");
    out.push_str(mime);
    out.push_str(";base64,");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_in_app_browsers() {
        let cases = [
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 309.0.2.18.103 (iPhone14,5; iOS 17_1; id_ID; id)", Some(InApp::Instagram)),
            ("Mozilla/5.0 (Linux; Android 13; SM-A145F Build/TP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0 Mobile Safari/537.36 Instagram 307.0.0.34.111 Android", Some(InApp::Instagram)),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.33.118;FBBV/1]", Some(InApp::Facebook)),
            ("Mozilla/5.0 (Linux; Android 12; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/438.0.0.33.118;]", Some(InApp::Facebook)),
            ("Mozilla/5.0 (Linux; Android 11; wv) AppleWebKit/537.36 Chrome/117.0 Mobile Safari/537.36 Line/13.19.1", Some(InApp::Line)),
            ("Mozilla/5.0 (Linux; Android 14; wv) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 Telegram-Android/10.5.0", Some(InApp::Telegram)),
            ("Mozilla/5.0 (Linux; Android 10; wv) AppleWebKit/537.36 Chrome/88.0 Mobile Safari/537.36 trill_2023103030 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/31.3.3 ByteLocale/id BytedanceWebview/d8a21c6", Some(InApp::TikTok)),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 WhatsApp/2.23.20.79", Some(InApp::WhatsApp)),
            ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36", None),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36", None),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", None),
        ];
        for (ua, expected) in cases {
            assert_eq!(InApp::detect(ua), expected, "{ua}");
        }
    }

    #[test]
    fn caption_is_neutral_with_slogan_and_hashtags_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            let caption = default_caption(lang);
            assert!(caption.contains("ASN Pilih Netral"), "{caption}");
            assert!(caption.ends_with(SUGGESTED_HASHTAGS));
            let lower = caption.to_lowercase();
            for word in [
                "partai", "party", "paslon", "nomor", "coblos", "vote for", "resmi", "official",
            ] {
                assert!(
                    !lower.contains(word),
                    "caption must stay neutral and claim nothing: {word}"
                );
            }
        }
        assert!(default_caption(Lang::Id).contains("memilih netral"));
        assert!(default_caption(Lang::En).contains("stay neutral"));
    }

    #[test]
    fn caption_uses_the_kits_hashtags_in_both_languages() {
        let kit = vec!["NetralitasASN".to_string(), "Pemilu_Damai".to_string()];
        for lang in [Lang::Id, Lang::En] {
            let caption = caption(lang, &kit);
            assert!(
                caption.ends_with("\n\n#NetralitasASN #Pemilu_Damai"),
                "{caption}"
            );
            // The kit's tags replace the suggestions rather than adding to them.
            assert!(!caption.contains("#ASNPilihNetral"), "{caption}");
            // The rest of the caption is the default one in that language.
            let default = default_caption(lang);
            let body = default.strip_suffix(SUGGESTED_HASHTAGS).unwrap();
            assert!(caption.starts_with(body), "{caption}");
        }
        assert!(caption(Lang::Id, &kit).contains("memilih netral"));
        assert!(caption(Lang::En, &kit).contains("stay neutral"));
    }

    #[test]
    fn a_kit_without_hashtags_keeps_the_suggestions() {
        for lang in [Lang::Id, Lang::En] {
            assert_eq!(caption(lang, &[]), default_caption(lang));
            assert!(caption(lang, &[]).ends_with(SUGGESTED_HASHTAGS));
            // Blank entries (a hand-edited kit) count as none.
            assert!(caption(lang, &[" ".to_string()]).ends_with(SUGGESTED_HASHTAGS));
        }
        // A stray '#' typed into a kit file does not double up.
        assert_eq!(caption_hashtags(&["#ASNNetral".to_string()]), "#ASNNetral");
        assert_eq!(kit_hashtag_line(&[]), None);
    }

    #[test]
    fn data_urls_are_standard_base64() {
        assert_eq!(data_url("text/plain", b""), "data:text/plain;base64,");
        assert_eq!(data_url("text/plain", b"f"), "data:text/plain;base64,Zg==");
        assert_eq!(data_url("text/plain", b"fo"), "data:text/plain;base64,Zm8=");
        assert_eq!(
            data_url("text/plain", b"foo"),
            "data:text/plain;base64,Zm9v"
        );
        assert_eq!(
            data_url("text/plain", b"foobar"),
            "data:text/plain;base64,Zm9vYmFy"
        );
        assert_eq!(
            data_url("image/png", &[0x89, b'P', b'N', b'G', 0xff, 0x00, 0xfe]),
            "data:image/png;base64,iVBOR/8A/g=="
        );
    }

    #[test]
    fn a_campaign_caption_gets_the_kit_hashtags_once() {
        let tags = ["NetralitasASN".to_string()];
        assert_eq!(campaign_caption("  ", &tags), None);
        assert_eq!(
            campaign_caption("Ayo pasang!", &tags).unwrap(),
            "Ayo pasang!\n\n#NetralitasASN"
        );
        assert_eq!(
            campaign_caption("Ayo #NetralitasASN", &tags).unwrap(),
            "Ayo #NetralitasASN"
        );
        assert_eq!(campaign_caption("Ayo", &[]).unwrap(), "Ayo");
    }
}
