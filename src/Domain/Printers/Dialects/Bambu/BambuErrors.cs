namespace PrintFarm.Printers.Dialects;

/// <summary>Decoding of Bambu <c>print_error</c> and <c>hms</c> codes (PROTOCOLS.md §1.6).</summary>
public static class BambuErrors
{
    /// <summary><c>print_error</c> sent at the moment of a user cancel ("The task was canceled.").</summary>
    public const long CancelledCode = 50348044; // 0x0300400C

    /// <summary>117473286 → <c>0700_8006</c>.</summary>
    public static string FormatPrintError(long code)
    {
        var u = unchecked((uint)code);
        return $"{u >> 16:X4}_{u & 0xFFFF:X4}";
    }

    /// <summary>attr 50331904, code 65543 → <c>HMS_0300_0100_0001_0007</c>.</summary>
    public static string FormatHms(long attr, long code)
    {
        var a = unchecked((uint)attr);
        var c = unchecked((uint)code);
        return $"HMS_{a >> 16:X4}_{a & 0xFFFF:X4}_{c >> 16:X4}_{c & 0xFFFF:X4}";
    }

    public static PrinterErrorSeverity HmsSeverity(long code) => (unchecked((uint)code) >> 16) switch
    {
        1 => PrinterErrorSeverity.Fatal,
        2 => PrinterErrorSeverity.Serious,
        3 => PrinterErrorSeverity.Common,
        4 => PrinterErrorSeverity.Info,
        _ => PrinterErrorSeverity.Unknown,
    };

    /// <summary>The module byte of an HMS <c>attr</c> (or of a <c>print_error</c>, which follows the same layout).</summary>
    public static string? Module(long attrOrCode) => ((unchecked((uint)attrOrCode) >> 24) & 0xFF) switch
    {
        0x03 => "mc",
        0x05 => "mainboard",
        0x07 => "ams",
        0x08 => "toolhead",
        0x0C => "xcam",
        _ => null,
    };

    public static PrinterError FromHms(long attr, long code) =>
        new(FormatHms(attr, code), HmsSeverity(code), Module(attr), null);

    public static PrinterError FromPrintError(long code) =>
        new(FormatPrintError(code), code == CancelledCode ? PrinterErrorSeverity.Info : PrinterErrorSeverity.Unknown, Module(code),
            code == CancelledCode ? "The task was canceled." : null);
}
