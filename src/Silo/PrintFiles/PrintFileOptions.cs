using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Silo.PrintFiles;

/// <summary>How the farm puts files on printers (<c>PrintFiles</c> in configuration).</summary>
public sealed class PrintFileOptions
{
    public const string Section = "PrintFiles";

    /// <summary>Tries of one upload, the first included; only what may pass is tried again (timeouts, 5xx, dropped connections).</summary>
    [Range(1, 10, ErrorMessage = "PrintFiles:Attempts must be between {1} and {2}.")]
    public int Attempts { get; set; } = 4;

    /// <summary>The wait before the second try; it doubles each time, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "PrintFiles:FirstRetryAfter must be between {1} and {2}.")]
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a printer may stay silent on a connection (connect, a reply, a piece of the file) before the try counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "PrintFiles:SilenceTimeout must be between {1} and {2}.")]
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
