namespace PrintFarm.Gateway.Tracking;

/// <summary>Where one stage of the status bar stands for this order.</summary>
public enum StepState
{
    Done,
    Current,
    Upcoming,
}
