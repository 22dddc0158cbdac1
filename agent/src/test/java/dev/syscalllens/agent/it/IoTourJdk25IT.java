package dev.syscalllens.agent.it;

class IoTourJdk25IT extends IoTourChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK25;
    }
}
