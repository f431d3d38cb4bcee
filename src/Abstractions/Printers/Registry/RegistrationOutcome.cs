namespace PrintFarm.Printers.Registry;

public enum RegistrationOutcome
{
    Created,
    /// <summary>The same registration again: nothing changed.</summary>
    Unchanged,
    /// <summary>Configuration changed a printer's settings.</summary>
    Updated,
}
