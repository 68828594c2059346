namespace SparkRecs.Bench;

/// <summary>The lines every command prints first: what ran, on which machine, under which load, on which workload.</summary>
internal static class Report
{
    /// <summary>Prints the command, the machine and its load.</summary>
    public static void Machine(string command)
    {
        Console.WriteLine($"sparkrecs-bench {command}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine   {MachineInfo.Describe()}");
        Console.WriteLine($"load      {MachineInfo.LoadAverage()}");
    }

    /// <summary>Prints the machine lines, then loads the workload and describes it.</summary>
    public static Workload Header(string command, string input)
    {
        Machine(command);
        var workload = Workload.Load(input);
        Console.WriteLine($"workload  {workload.Describe()}");
        return workload;
    }
}
