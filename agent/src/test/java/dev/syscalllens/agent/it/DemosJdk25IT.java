package dev.syscalllens.agent.it;

class DemosJdk25IT extends DemosChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK25;
    }
}
