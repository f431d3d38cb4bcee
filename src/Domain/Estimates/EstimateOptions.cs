using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Estimates;

/// <summary>
/// Bound from configuration section <c>Estimates</c>. Lists that have a default
/// (<see cref="ShippingDays"/>, <see cref="EuCountries"/>) are null until configured, because
/// the configuration binder appends to a list instead of replacing it.
/// </summary>
public sealed class EstimateOptions
{
    public const string Section = "Estimates";

    public static readonly IReadOnlyList<DayOfWeek> WeekdaysMondayToFriday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The 27 member states, ISO 3166 alpha-2 (Greece is GR, not the EU's own "EL").</summary>
    public static readonly IReadOnlyList<string> EuMemberStates =
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ];

    /// <summary>From the last part passing QC to a closed, labelled parcel.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Estimates:Packing must be between {1} and {2}.")]
    public TimeSpan Packing { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The carrier's collection, in the farm's time zone: a parcel packed by then leaves that day.</summary>
    public TimeOnly ShippingCutoff { get; set; } = new(16, 0);

    /// <summary>The latest time a carrier delivers on the day it delivers, in the farm's time zone.</summary>
    public TimeOnly DeliveryTime { get; set; } = new(18, 0);

    /// <summary>A time zone id for <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> (IANA, e.g. Europe/Paris).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>ISO 3166 alpha-2 code of the farm's country: parcels to it travel as domestic.</summary>
    public string FarmCountry { get; set; } = "FR";

    /// <summary>Days a carrier collects and delivers; null means Monday to Friday.</summary>
    public List<DayOfWeek>? ShippingDays { get; set; }

    /// <summary>Days nothing ships or travels, even when they fall on a shipping day.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Countries that travel at the EU rate; null means the 27 member states.</summary>
    public List<string>? EuCountries { get; set; }

    /// <summary>
    /// Business days in transit by shipping method. An unknown method travels as <c>standard</c>.
    /// Configured entries merge into these defaults, so <c>Transit:standard:Countries:US=6</c>
    /// changes one lane and keeps the rest.
    /// </summary>
    public Dictionary<string, TransitRule> Transit { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["standard"] = new() { Domestic = 2, Eu = 4, World = 7 },
        ["express"] = new() { Domestic = 1, Eu = 2, World = 4 },
        ["pickup"] = new() { Pickup = true },
    };

    /// <summary>
    /// An order tells its customer about a new estimate only when the ship or delivery date moves
    /// by at least this much, so a busy farm does not send a stream of near-identical updates.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Estimates:ChangeThreshold must be between {1} and {2}.")]
    public TimeSpan ChangeThreshold { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When no online printer can take a queued part (nobody has loaded its material), the part is
    /// assumed to start this long from now: long enough for an operator to notice and load it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Estimates:UnplannedStartDelay must be between {1} and {2}.")]
    public TimeSpan UnplannedStartDelay { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Share of the production time still ahead (now until the last part is through QC) added to
    /// the ready time. It pays for what the schedule cannot see: reprints of failed prints, express
    /// orders that will jump the queue, prints that run long.
    /// </summary>
    [Range(0.0, 5.0, ErrorMessage = "Estimates:SafetyMarginShare must be between {1} and {2}.")]
    public double SafetyMarginShare { get; set; } = 0.2;

    /// <summary>The least margin added while any part is not yet printed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Estimates:MinimumSafetyMargin must be between {1} and {2}.")]
    public TimeSpan MinimumSafetyMargin { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Business days promised on top of the carrier's transit days. Carriers are a day late now
    /// and then, and nothing the farm measures predicts when; a day here turns most of those into
    /// promises kept, at the price of a later promise for everyone.
    /// </summary>
    [Range(0, 60, ErrorMessage = "Estimates:TransitMarginDays must be between {1} and {2}.")]
    public int TransitMarginDays { get; set; } = 1;

    public PrintTimeLearning Learning { get; set; } = new();

    public IReadOnlyList<DayOfWeek> EffectiveShippingDays => ShippingDays ?? WeekdaysMondayToFriday;

    public IReadOnlyList<string> EffectiveEuCountries => EuCountries ?? EuMemberStates;
}
