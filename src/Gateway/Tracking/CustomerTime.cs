using System.Globalization;

namespace PrintFarm.Gateway.Tracking;

/// <summary>
/// How a moment reads on the page before the browser knows the customer's time zone: in UTC,
/// said so. tracking.js rewrites every &lt;time data-show&gt; in the reader's own zone and language.
/// </summary>
public static class CustomerTime
{
    public static string Machine(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Human(DateTimeOffset at, TimeShown shown)
    {
        var utc = at.ToUniversalTime();
        return shown switch
        {
            TimeShown.Day => utc.ToString("dddd d MMMM", CultureInfo.InvariantCulture),
            TimeShown.DayAndYear => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            _ => utc.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture) + " UTC",
        };
    }
}
