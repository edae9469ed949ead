import CLibZip

/// The one place where libzip's error codes become DocFill diagnostics.
enum ZipErrors {
    static func fromCode(_ code: Int32, file: String, part: String? = nil) -> DocFillError {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        let text = String(cString: zip_error_strerror(&error))
        let where_ = SourceLocation(file: file, part: part)
        switch code {
        case ZIP_ER_NOZIP:
            return DocFillError("not_a_zip", "not a zip archive (\(text)); an office document is a zip file", at: where_)
        case ZIP_ER_EXISTS:
            return DocFillError("duplicate_entry", "an entry name appears twice in the archive", at: where_)
        case ZIP_ER_INCONS, ZIP_ER_CRC, ZIP_ER_COMPRESSED_DATA, ZIP_ER_EOF, ZIP_ER_READ:
            return DocFillError("corrupt_archive", "the archive is damaged: \(text)", at: where_)
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
            return DocFillError("encrypted_entry", "encrypted entries are not supported: \(text)", at: where_)
        case ZIP_ER_COMPNOTSUPP:
            return DocFillError("unsupported_compression", "unsupported compression method: \(text)", at: where_)
        case ZIP_ER_OPEN, ZIP_ER_WRITE, ZIP_ER_TMPOPEN, ZIP_ER_RENAME, ZIP_ER_CLOSE, ZIP_ER_REMOVE:
            return DocFillError("io_error", "cannot write the archive: \(text)", at: where_)
        default:
            return DocFillError("corrupt_archive", "zip error \(code): \(text)", at: where_)
        }
    }

    static func from(_ error: UnsafeMutablePointer<zip_error_t>, file: String, part: String? = nil) -> DocFillError {
        fromCode(zip_error_code_zip(error), file: file, part: part)
    }

    /// A system call on the output failed (the archive itself was fine).
    static func io(_ message: String, file: String) -> DocFillError {
        DocFillError("io_error", message, at: SourceLocation(file: file))
    }
}
