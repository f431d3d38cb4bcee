namespace PrintFarm.Gateway.Console.Layout;

/// <summary>
/// Every console form's fields; a move reads those it needs. Bound with [FromForm], which makes
/// ASP.NET Core check the form's antiforgery token before the move runs.
/// </summary>
public sealed record MoveForm(
    string? ReturnTo = null,
    string? Message = null,
    string? Reason = null,
    string? Status = null,
    string? Pass = null,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? TrackingUrl = null,
    string? Cron = null,
    string? Duration = null,
    string? TimeZone = null,
    string? Text = null);
