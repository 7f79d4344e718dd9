fn main() {
    std::process::exit(fairdesk::cli::run());
}
