namespace PrintFarm.Printers;

/// <summary>Why a printer is out of service, in an operator's words: checked the same way by the gateway and the printer grain.</summary>
public static class PrinterServiceReason
{
    /// <summary>The fleet view shows it beside the printer: a line, not a report.</summary>
    public const int MaxLength = 200;

    /// <summary>Null when <paramref name="reason"/> is acceptable (absent, or short enough).</summary>
    public static string? Problem(string? reason) =>
        reason is { Length: > MaxLength } ? $"The reason may be at most {MaxLength} characters; this one has {reason.Length}." : null;

    /// <summary>Trimmed, with blank taken as no reason at all.</summary>
    public static string? Normalize(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
}
