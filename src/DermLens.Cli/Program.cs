System.Console.WriteLine("dermlens: verbs coming");
