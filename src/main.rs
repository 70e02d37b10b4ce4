fn main() {
    std::process::exit(breakglass::cli::main());
}
