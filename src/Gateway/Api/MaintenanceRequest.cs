namespace PrintFarm.Gateway.Api;

/// <summary>Body of <c>PUT /api/printers/{id}/maintenance</c>.</summary>
public sealed record MaintenanceRequest
{
    /// <summary>Quartz cron, seconds first: <c>0 0 2 ? * SUN</c> is Sundays at 02:00.</summary>
    public string? Cron { get; init; }
    /// <summary>How long each window lasts, e.g. <c>02:00:00</c>.</summary>
    public TimeSpan? Duration { get; init; }
    public string? Name { get; init; }
    /// <summary>IANA time zone the cron is read in; UTC when left out.</summary>
    public string? TimeZone { get; init; }
}
