namespace PrintFarm.Gateway.Tracking;

/// <summary>How much of a moment a person needs: a delivery day, a placed date, or a time of day.</summary>
public enum TimeShown
{
    /// <summary>"Thursday 5 March": a promise (ships by, arrives by).</summary>
    Day,
    /// <summary>"5 March 2026": when the order was placed.</summary>
    DayAndYear,
    /// <summary>"Thu 5 Mar, 14:05": when something happened.</summary>
    Moment,
}
