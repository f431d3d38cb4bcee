using PrintFarm.Designs;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Console.Layout;

/// <summary>
/// How a console move answers: back to the page it came from (post, redirect, get: a reload
/// does not move twice), saying what was done or, for a move the farm refused, why. The
/// refusals are the grains' own, the same words the API answers with.
/// </summary>
public static partial class ConsoleMoves
{
    public static async Task<IResult> Run(HttpContext http, MoveForm form, string fallback, Func<Task<string>> move)
    {
        try
        {
            return Back(form.ReturnTo, fallback, "notice", await move());
        }
        catch (Exception e) when (e is OrderTransitionException or JobCommandException or InvalidOrderException or OrderNotFoundException
            or MessageRefusedException or InvalidMaintenanceWindowException or PrintFarm.Printers.PrinterCommandException or ArgumentException)
        {
            Log(http).LogInformation("Console move {Path} refused: {Problem}", http.Request.Path.Value, e.Message);
            return Back(form.ReturnTo, fallback, "problem", e.Message);
        }
    }

    /// <summary>A move refused before it reached the farm (a bad field).</summary>
    public static IResult Refuse(MoveForm form, string fallback, string problem) => Back(form.ReturnTo, fallback, "problem", problem);

    private static ILogger Log(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PrintFarm.Gateway.Console");

    /// <summary>Only to a console page of this gateway: a form cannot send the browser elsewhere.</summary>
    public static string Local(string? returnTo, string fallback) =>
        returnTo is { Length: > 0 and < 512 } r && r.StartsWith("/console", StringComparison.Ordinal) && !r.Contains("//", StringComparison.Ordinal) && !r.Contains('\\')
            ? r : fallback;

    private static IResult Back(string? returnTo, string fallback, string key, string words)
    {
        var target = Local(returnTo, fallback);
        // Drop an earlier notice or problem before adding this one.
        var cut = target.IndexOf('#');
        var anchor = cut >= 0 ? target[cut..] : "";
        if (cut >= 0) target = target[..cut];
        var parts = target.Split('?', 2);
        var query = parts.Length == 2
            ? parts[1].Split('&').Where(p => !p.StartsWith("notice=", StringComparison.Ordinal) && !p.StartsWith("problem=", StringComparison.Ordinal)).ToList()
            : [];
        query.Add($"{key}={Uri.EscapeDataString(words.Length > 300 ? words[..300] : words)}");
        return Results.Redirect($"{parts[0]}?{string.Join("&", query)}{anchor}", permanent: false, preserveMethod: false);
    }
}
