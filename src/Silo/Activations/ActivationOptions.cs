using System.ComponentModel.DataAnnotations;

namespace PrintFarm.Silo.Activations;

/// <summary>
/// Bound from configuration section <c>Activations</c>: how long a grain that nobody calls stays
/// in memory, per kind. Orders and jobs are the farm's many grains (100,000 open orders wait in
/// the queue at a big farm) and their state is stored, so a waiting one goes back to storage
/// soon and is read again when it moves. Printers are called every second and stay regardless.
/// </summary>
public sealed class ActivationOptions
{
    public const string Section = "Activations";

    /// <summary>An order nobody reads or tells anything for this long leaves memory.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Activations:OrderIdleAfter must be between {1} and {2}.")]
    public TimeSpan OrderIdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A print job nobody calls for this long (one waiting in the queue) leaves memory.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Activations:JobIdleAfter must be between {1} and {2}.")]
    public TimeSpan JobIdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Everything else: Orleans' own default.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Activations:DefaultIdleAfter must be between {1} and {2}.")]
    public TimeSpan DefaultIdleAfter { get; set; } = TimeSpan.FromMinutes(15);
}
