using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Gateway.Console;

/// <summary>The operator console (<c>/console</c>), bound from configuration section <c>Console</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// How often this gateway asks the fleet view what changed, for every open console page at
    /// once: a printer's tile changes at most this often.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Console:FleetRefreshEvery must be between {1} and {2}.")]
    public TimeSpan FleetRefreshEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the pages that show one farm-wide view (queue, orders, work, notifications) render
    /// it again for their open streams; a region is sent only when it changed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Console:ViewRefreshEvery must be between {1} and {2}.")]
    public TimeSpan ViewRefreshEvery { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Printers per fleet page: the grid is paged so that 10,000 printers stay readable and the stream small.</summary>
    [Range(12, 1000, ErrorMessage = "Console:FleetPageSize must be between {1} and {2}.")]
    public int FleetPageSize { get; set; } = 120;

    /// <summary>The fleet view stops being polled when no console page has been open for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Console:FleetIdleAfter must be between {1} and {2}.")]
    public TimeSpan FleetIdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many hours ahead the queue's timeline shows the projected schedule.</summary>
    [Range(1, 72, ErrorMessage = "Console:TimelineHours must be between {1} and {2}.")]
    public int TimelineHours { get; set; } = 8;
}
