namespace PrintFarm.Gateway.Console.Layout;

/// <summary>
/// Every console form's fields; a move reads those it needs, and a form sends only its own
/// (hence settable properties: a constructor would make the binder ask for every field). Bound
/// with [FromForm], which makes ASP.NET Core check the form's antiforgery token before the move runs.
/// </summary>
public sealed class MoveForm
{
    public string? ReturnTo { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public string? Status { get; set; }
    public string? Pass { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public string? TrackingUrl { get; set; }
    public string? Cron { get; set; }
    public string? Duration { get; set; }
    public string? TimeZone { get; set; }
    public string? Text { get; set; }
    public string? InService { get; set; }
}
