//! Prints what `ingest::parse_text` reads from article files: title, metadata and
//! the first and last lines of the body. For checking extraction by eye:
//!
//! ```sh
//! cargo run -p soi-core --example dump_meta -- corpus/demo/*.txt
//! ```

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let d = soi_core::ingest::parse_text(&path, &text);
        println!("== {path}\ntitle: {}\n{:#?}", d.title, d.meta);
        let lines: Vec<&str> = d.body.lines().filter(|l| !l.trim().is_empty()).collect();
        println!("body first: {:?}", lines.first().map(|l| l.chars().take(80).collect::<String>()));
        println!("body last:  {:?}", lines.last().map(|l| l.chars().take(80).collect::<String>()));
    }
}
