using System.ComponentModel.DataAnnotations;
namespace PrintFarm.Silo.Schedules;

/// <summary>Bound from configuration section <c>Schedules</c>: the farm's Quartz scheduler.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedules";

    /// <summary>Off: no Quartz scheduler in this silo (the late-order sweep does not run here).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the late-order sweep checks every open order against its promise.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Schedules:LateOrderSweep must be between {1} and {2}.")]
    public TimeSpan LateOrderSweep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// With the PostgreSQL job store: how often each scheduler checks in, and so how soon the
    /// others take over the schedules of a silo that died.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Schedules:ClusterCheckin must be between {1} and {2}.")]
    public TimeSpan ClusterCheckin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When the shop's daily digest of late orders is emailed (a Quartz cron expression, in
    /// Notifications:Email:TimeZone): 07:00 every day by default. Empty: no digest.
    /// </summary>
    public string? LateOrderDigest { get; set; } = "0 0 7 * * ?";

    /// <summary>The scheduler's name: schedulers with the same name on the same database form one cluster.</summary>
    public string SchedulerName { get; set; } = "PrintFarm";
}
