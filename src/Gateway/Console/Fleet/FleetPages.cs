using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway.Console.Layout;
using PrintFarm.Gateway.Console.Live;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>
/// <c>GET /console/fleet</c> and its stream. The page is rendered from this gateway's copy of the
/// fleet; the stream sends the tiles of this page that changed, the counters and the
/// "finishing soonest" list when they changed, and the whole grid when the set of printers on
/// the page changed.
/// </summary>
public static class FleetPages
{
    public static async Task<RazorComponentResult<FleetPage>> Page(HttpContext http, FleetBoard board, FarmViews views, IOptions<ConsoleOptions> options)
    {
        var query = FleetQuery.Parse(http.Request.Query, out var problems);
        var snapshot = await board.Current(http.RequestAborted);
        var view = await Build(snapshot, query, views, options.Value);
        var stream = "/console/live/fleet" + http.Request.QueryString.Add("since", snapshot.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RazorComponentResult<FleetPage>(new
        {
            User = ConsolePageContext.For(http),
            View = view,
            Stream = stream,
            Problems = (IReadOnlyList<string>)[.. problems, .. ConsolePageContext.Problem(http)],
            Notice = ConsolePageContext.Notice(http),
        });
    }

    public static Task<IResult> Stream(HttpContext http, FleetBoard board, FarmViews views, IOptions<ConsoleOptions> options)
    {
        var query = FleetQuery.Parse(http.Request.Query, out _);
        var since = long.TryParse(http.Request.Query["since"], out var n) ? n : -1;
        return ConsoleStream.Serve(http, (renderer, ct) => Swaps(renderer, board, views, options.Value, query, since, ct));
    }

    private static async Task<FleetView> Build(FleetSnapshot snapshot, FleetQuery query, FarmViews views, ConsoleOptions options)
    {
        var queue = views.Queue();
        var late = views.LateOrders();
        var dialects = views.Dialects();
        await Task.WhenAll(queue, late, dialects);
        return FleetView.Build(snapshot, query, queue.Result, late.Result, dialects.Result, options.FleetPageSize);
    }

    private static async IAsyncEnumerable<string> Swaps(HtmlRenderer renderer, FleetBoard board, FarmViews views, ConsoleOptions options,
        FleetQuery query, long since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string>? shownIds = null;
        string? counters = null, soonest = null;
        var shownNumber = since;
        await foreach (var snapshot in board.Follow(cancellationToken))
        {
            FleetView view;
            try
            {
                view = await Build(snapshot, query, views, options);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                continue; // a view is moving silo; the next snapshot tries again
            }
            var pieces = new List<string>();
            var ids = view.Slice.Printers.Select(p => p.PrinterId).ToList();
            var sameSnapshotAsPage = shownIds is null && snapshot.Number == since;
            if (shownIds is null && !sameSnapshotAsPage || shownIds is not null && !ids.SequenceEqual(shownIds))
            {
                pieces.Add(await ConsoleStream.Render<FleetGrid>(renderer, new Dictionary<string, object?>
                {
                    ["Slice"] = view.Slice, ["Query"] = query, ["Late"] = view.Late, ["Dialects"] = view.Dialects,
                }));
            }
            else if (shownIds is not null)
            {
                foreach (var printer in view.Slice.Printers.Where(p => snapshot.ChangedSince(p.PrinterId, shownNumber)))
                {
                    pieces.Add(await ConsoleStream.Render<PrinterTile>(renderer, new Dictionary<string, object?>
                    {
                        ["Printer"] = printer, ["Late"] = view.Late, ["Dialect"] = view.Dialects.GetValueOrDefault(printer.PrinterId, "farm protocol"),
                    }));
                }
            }
            var nowCounters = await ConsoleStream.Render<FleetCounters>(renderer, new Dictionary<string, object?> { ["Counts"] = view.Counts, ["Query"] = query });
            var nowSoonest = await ConsoleStream.Render<FinishingSoonest>(renderer, new Dictionary<string, object?> { ["Next"] = view.Soonest });
            if (!sameSnapshotAsPage && nowCounters != counters) pieces.Add(nowCounters);
            if (!sameSnapshotAsPage && nowSoonest != soonest) pieces.Add(nowSoonest);
            counters = nowCounters;
            soonest = nowSoonest;
            shownIds = ids;
            shownNumber = snapshot.Number;
            if (pieces.Count > 0) yield return ConsoleStream.Join(pieces);
        }
    }
}
